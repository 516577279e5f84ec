from mcp_gateway.catalog import ActionError, props

from ..app import api, app, table_path


def _result(answer):
    return {
        "inserted": answer.get("inserted"),
        "errors": [{"index": e.get("index"), "errors": [{"reason": x.get("reason"), "location": x.get("location"),
                                                        "message": x.get("message")} for x in e.get("errors") or []]}
                   for e in answer.get("insertErrors") or []],
    }


@app.action(
    "insert-rows",
    title="Insert Rows",
    description=(
        "Stream new rows into an existing BigQuery table, each as `{column: value}` matching the table's schema (see "
        "google_bigquery-get-table-schema). Rows are queryable within seconds. Returns which rows were refused and why; "
        "unless `skipInvalidRows` is on, one bad row keeps the whole batch out. To change existing rows use an UPDATE "
        "with google_bigquery-run-query."
    ),
    props={
        "projectId": app.definition("projectId"),
        "datasetId": app.definition("datasetId"),
        "tableId": app.definition("tableId"),
        "rows": props.object_list(
            "Rows", "The rows, e.g. `[{\"name\": \"Ada\", \"total\": 42}]`; 500 at most a call.",
        ),
        "insertIdColumn": props.string(
            "Dedupe Column", "A column whose value is unique per row, sent as each row's insertId so that retrying "
            "the call does not add the rows twice.", optional=True,
        ),
        "skipInvalidRows": props.boolean("Skip Invalid Rows", "Insert the valid rows even if some are refused.", optional=True),
        "ignoreUnknownValues": props.boolean(
            "Ignore Unknown Columns", "Drop values for columns the table does not have instead of refusing the row.",
            optional=True,
        ),
    },
    trim=_result,
)
async def insert_rows(ctx):
    rows = ctx.props.rows
    if not rows or len(rows) > 500:
        raise ActionError("give between 1 and 500 rows; split bigger batches across calls")
    column = ctx.props.get("insertIdColumn")
    entries = []
    for index, row in enumerate(rows):
        entry = {"json": row}
        if column:
            if row.get(column) in (None, ""):
                raise ActionError(f"row {index} has no value in {column!r}, the dedupe column")
            entry["insertId"] = str(row[column])
        entries.append(entry)
    body = {"rows": entries}
    for prop in ("skipInvalidRows", "ignoreUnknownValues"):
        if ctx.props.get(prop):
            body[prop] = True
    path = table_path(ctx.props.projectId, ctx.props.datasetId, ctx.props.tableId)
    answer = await api(ctx, "POST", f"{path}/insertAll", json=body)
    refused = {e.get("index") for e in answer.get("insertErrors") or []}
    # Without skipInvalidRows, any error keeps every row out.
    inserted = len(rows) - len(refused) if ctx.props.get("skipInvalidRows") or not refused else 0
    ctx.summary = f"Inserted {inserted} of {len(rows)} rows into {ctx.props.datasetId}.{ctx.props.tableId}"
    return {**answer, "inserted": inserted}
