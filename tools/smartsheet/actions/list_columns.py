from mcp_gateway.catalog import each

from ..app import app, column_summary, columns


@app.action(
    "list-columns",
    title="List Columns",
    description=(
        "List a Smartsheet sheet's columns: IDs, titles, types and the choices of dropdown columns. Rows can be "
        "written by column title, so this is mostly for checking names, types and choices before "
        "smartsheet-add-rows or smartsheet-update-rows."
    ),
    props={"sheetId": app.definition("sheetId")},
    read_only=True,
    trim=each(column_summary),
)
async def list_columns(ctx):
    found = await columns(ctx, ctx.props.sheetId)
    ctx.summary = f"Listed {len(found)} column{'s' if len(found) != 1 else ''}"
    return found
