import re

from mcp_gateway.catalog import ActionError, props

from ..app import app, check_address, graph, quoted_sheet, seg, table_summary, workbook_path

_TABLE_NAME = re.compile(r"^[A-Za-z_\\][A-Za-z0-9_.]{0,254}$")


@app.action(
    "create-table",
    title="Create Table",
    description=(
        "Turn a range of an Excel worksheet into a table (e.g. `A1:D1` for a header row to fill later), so rows "
        "can be added and listed by table. Returns the table's name and ID, for microsoft_excel-add-table-rows and "
        "microsoft_excel-list-table-rows."
    ),
    props={
        "workbookId": app.definition("workbookId"),
        "worksheet": app.definition("worksheet"),
        "address": app.definition(
            "address",
            description="The cells the table covers, in A1 notation without the sheet name, e.g. `A1:D10` or `A1:D1`.",
        ),
        "hasHeaders": props.boolean(
            "First Row Is Headers",
            "`true` (the default) uses the range's first row as column names; `false` makes Excel add a header "
            "row (Column1, Column2...) above the data.",
            default=True,
        ),
        "name": props.string(
            "Table Name",
            "A name for the table, e.g. `Expenses`: letters, digits, underscores and dots, starting with a letter, "
            "no spaces. Leave empty for Excel's default (Table1, Table2...).",
            optional=True,
        ),
    },
    trim=table_summary,
)
async def create_table(ctx):
    address = check_address(ctx.props.address)
    name = (ctx.props.get("name") or "").strip()
    if name and not _TABLE_NAME.match(name):
        raise ActionError(f"table name {name!r} must start with a letter or underscore and hold only letters, digits, _ and .")
    table = await graph(
        ctx,
        "POST",
        f"{workbook_path(ctx.props.workbookId)}/tables/add",
        json_body={"address": f"{quoted_sheet(ctx.props.worksheet)}!{address}", "hasHeaders": ctx.props.hasHeaders},
    )
    if name:
        table = await graph(
            ctx, "PATCH", f"{workbook_path(ctx.props.workbookId)}/tables/{seg(table['id'])}", json_body={"name": name}
        )
    ctx.summary = f"Created table \"{table.get('name')}\" on {ctx.props.worksheet}!{address}"
    return table
