from mcp_gateway.catalog import ActionError, props

from ..app import api, app, cells, mutation_summary, plural, table_path


@app.action(
    "upsert-rows",
    title="Insert or Upsert Rows",
    description=(
        "Add rows to a Coda table, or, with key columns, update the rows whose key values match and add the rest. "
        "Coda applies the change a few seconds later: the result has a `requestId` to check with "
        "coda-get-mutation-status. To change one known row by ID use coda-update-row."
    ),
    props={
        "docId": app.definition("docId"),
        "tableId": app.definition("tableId"),
        "rows": props.object_list(
            "Rows",
            "Each row as an object of column (name or ID) to value, e.g. `[{\"Name\": \"Ada\", \"Status\": \"Done\"}]`. "
            "Columns a formula computes cannot be written.",
        ),
        "keyColumns": props.string_list(
            "Key Columns",
            "Columns (names or IDs) that identify a row: rows whose values there match are updated, not added; every "
            "row matching is updated. Leave empty to always add.",
            optional=True,
        ),
        "disableParsing": app.definition("disableParsing"),
    },
    trim=mutation_summary,
)
async def upsert_rows(ctx):
    if not ctx.props.rows:
        raise ActionError("give at least one row")
    body = {"rows": [{"cells": cells(row)} for row in ctx.props.rows]}
    if ctx.props.get("keyColumns"):
        body["keyColumns"] = list(ctx.props.keyColumns)
    params = {"disableParsing": "true"} if ctx.props.get("disableParsing") else None
    answer = await api(ctx, "POST", f"{table_path(ctx.props.docId, ctx.props.tableId)}/rows", json=body, params=params)
    ctx.summary = (f"Queued {plural(len(body['rows']), 'row')} for {'upsert' if 'keyColumns' in body else 'insert'}; "
                   f"request {answer.get('requestId')}")
    return answer
