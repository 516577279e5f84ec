from mcp_gateway.catalog import props

from ..app import api, app, cells, mutation_summary, seg, table_path


@app.action(
    "update-row",
    title="Update Row",
    description=(
        "Change some values of one row of a Coda table, by row ID or name; columns not named keep their values. Coda "
        "applies it a few seconds later: check with coda-get-mutation-status and the returned `requestId`. To update "
        "rows by a key column's value instead, use coda-upsert-rows with key columns."
    ),
    props={
        "docId": app.definition("docId"),
        "tableId": app.definition("tableId"),
        "rowId": app.definition("rowId"),
        "values": props.obj("Values", "The new values, as column (name or ID) to value, e.g. `{\"Status\": \"Done\"}`."),
        "disableParsing": app.definition("disableParsing"),
    },
    idempotent=True,
    trim=mutation_summary,
)
async def update_row(ctx):
    params = {"disableParsing": "true"} if ctx.props.get("disableParsing") else None
    answer = await api(ctx, "PUT", f"{table_path(ctx.props.docId, ctx.props.tableId)}/rows/{seg(ctx.props.rowId)}",
                       json={"row": {"cells": cells(ctx.props["values"])}}, params=params)
    ctx.summary = f"Queued the update of row {answer.get('id') or ctx.props.rowId}; request {answer.get('requestId')}"
    return answer
