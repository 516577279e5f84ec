from mcp_gateway.catalog import ActionError, props

from ..app import app, check_address, column_letter, graph, parse_cell, parse_rows, range_path, range_summary


def target_address(address, rows):
    """The address to write `rows` to: a single start cell grows to fit them; a range must fit them exactly."""
    address = check_address(address)
    height, width = len(rows), len(rows[0])
    start = parse_cell(address)
    if start is not None:
        column, row = start
        end = f"{column_letter(column + width - 1)}{row + height - 1}"
        return address if (height, width) == (1, 1) else f"{address}:{end}"
    if ":" in address:
        first, last = address.split(":")
        a, b = parse_cell(first), parse_cell(last)
        if a and b:
            size = (b[1] - a[1] + 1, b[0] - a[0] + 1)
            if size != (height, width):
                raise ActionError(
                    f"range {address} is {size[0]} row(s) × {size[1]} column(s) but the values are {height} × {width}; "
                    f"give only the top-left cell (e.g. `{first}`) to fit the values"
                )
    return address


@app.action(
    "update-range",
    title="Update Range",
    description=(
        "Write values into cells of an Excel worksheet, overwriting what is there. Give the top-left cell (e.g. "
        "`A2`) and the rows of values; the range grows to fit them. Text starting with `=` is written as a formula. "
        "To append rows to an Excel table use microsoft_excel-add-table-rows; to empty cells, microsoft_excel-clear-range."
    ),
    props={
        "workbookId": app.definition("workbookId"),
        "worksheet": app.definition("worksheet"),
        "address": app.definition(
            "address",
            label="Start Cell or Range",
            description=(
                "Where to write, in A1 notation without the sheet name: the top-left cell, e.g. `A2`, or a range "
                "exactly the size of the values, e.g. `A2:C3`."
            ),
        ),
        "values": props.any_value(
            "Values",
            "The rows to write, as an array of rows, each an array of cell values, e.g. "
            "`[[\"Alice\", 30], [\"Bob\", 25]]` (the same as JSON text also works). Every row needs the same "
            "number of cells; null writes an empty cell; `=SUM(B2:B3)` writes a formula.",
        ),
    },
    destructive=True,
    idempotent=True,
    trim=range_summary,
)
async def update_range(ctx):
    rows = parse_rows(ctx.props["values"])
    address = target_address(ctx.props.address, rows)
    data = await graph(
        ctx, "PATCH", range_path(ctx.props.workbookId, ctx.props.worksheet, address), json_body={"values": rows}
    )
    ctx.summary = f"Updated {len(rows)} row(s) × {len(rows[0])} column(s) at {data.get('address') or address}"
    return data
