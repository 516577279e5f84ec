from mcp_gateway.catalog import props, within

from ..app import app, collect, column_summary, plural, table_path


@app.action(
    "list-columns",
    title="List Columns",
    description=(
        "List the columns of a Coda table: ID, name, type and whether a formula computes it. Use it before writing "
        "rows with coda-upsert-rows or coda-update-row, to know the column names and which columns take values."
    ),
    props={
        "docId": app.definition("docId"),
        "tableId": app.definition("tableId"),
        "visibleOnly": props.boolean("Visible Only", "Leave out hidden columns.", optional=True),
        "limit": props.limit("columns"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("columns", column_summary),
)
async def list_columns(ctx):
    params = {"visibleOnly": str(bool(ctx.props.visibleOnly)).lower()} if ctx.props.get("visibleOnly") is not None else None
    columns, token = await collect(ctx, f"{table_path(ctx.props.docId, ctx.props.tableId)}/columns",
                                   limit=ctx.props.limit, cursor=ctx.props.get("cursor"), params=params)
    ctx.summary = f"Listed {plural(len(columns), 'column')}"
    return {"columns": columns, "next_cursor": token}
