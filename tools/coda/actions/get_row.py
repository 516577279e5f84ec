from ..app import api, app, row_summary, seg, table_path


@app.action(
    "get-row",
    title="Get Row",
    description="Read one row of a Coda table by its ID or name, with its values keyed by column name.",
    props={
        "docId": app.definition("docId"),
        "tableId": app.definition("tableId"),
        "rowId": app.definition("rowId"),
        "useColumnNames": app.definition("useColumnNames"),
        "valueFormat": app.definition("valueFormat"),
    },
    read_only=True,
    trim=row_summary,
)
async def get_row(ctx):
    params = {"useColumnNames": str(bool(ctx.props.get("useColumnNames"))).lower()}
    if ctx.props.get("valueFormat"):
        params["valueFormat"] = ctx.props.valueFormat
    row = await api(ctx, "GET", f"{table_path(ctx.props.docId, ctx.props.tableId)}/rows/{seg(ctx.props.rowId)}", params=params)
    ctx.summary = f"Read the row {row.get('name')!r}"
    return row
