from ..app import api, app, mutation_summary, seg, table_path


@app.action(
    "delete-row",
    title="Delete Row",
    description=(
        "Delete one row of a Coda table, by row ID or name. Coda applies it a few seconds later: check with "
        "coda-get-mutation-status and the returned `requestId`."
    ),
    props={"docId": app.definition("docId"), "tableId": app.definition("tableId"), "rowId": app.definition("rowId")},
    destructive=True,
    idempotent=True,
    trim=mutation_summary,
)
async def delete_row(ctx):
    answer = await api(ctx, "DELETE", f"{table_path(ctx.props.docId, ctx.props.tableId)}/rows/{seg(ctx.props.rowId)}")
    ctx.summary = f"Queued the deletion of row {answer.get('id') or ctx.props.rowId}; request {answer.get('requestId')}"
    return answer
