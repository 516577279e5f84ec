import re

from mcp_gateway.catalog import ActionError, props

from ..app import api, app, append_summary, column_letter, range_path, sheet_range, spreadsheet_id, worksheet_title

_COLUMN_PROP = re.compile(r"^col_(\d{4})$")

_VALUES = props.string_list(
    "Values",
    "One value per cell of the new row, left to right starting at column A, e.g. `[\"Alice\", \"alice@example.com\", \"30\"]`. "
    "Text, numbers, `TRUE`/`FALSE` and formulas starting with `=` are interpreted as if typed into the sheet; "
    "an empty string leaves that cell blank.",
)


def column_prop_name(index):
    return f"col_{index:04d}"


async def additional_props(ctx):
    """With headers: one prop per header cell. Without: a single list of values."""
    if not ctx.props.get("hasHeaders"):
        return {"myColumnData": _VALUES}
    worksheet_id = ctx.props.get("worksheetId")
    if not ctx.props.get("sheetId") or worksheet_id in (None, ""):
        return {
            "headersNotLoaded": props.alert(
                "Choose the spreadsheet and worksheet to get one input per header column; until then, enter the row as a list.",
                "info",
            ),
            "myColumnData": _VALUES,
        }
    sid = spreadsheet_id(ctx.props.sheetId)
    title = await worksheet_title(ctx, sid, worksheet_id)
    data = await api(ctx, "GET", range_path(sid, sheet_range(title, "1:1")))
    header = (data.get("values") or [[]])[0]
    extra = {}
    for index, cell in enumerate(header):
        label = str(cell).strip()
        if not label:
            continue
        letter = column_letter(index)
        extra[column_prop_name(index)] = props.string(
            label,
            f"Value for column {letter} (header `{label}`) of the new row. Text, a number, `TRUE`/`FALSE` or a "
            "formula starting with `=`, interpreted as if typed into the sheet. Leave empty to keep the cell blank.",
            optional=True,
        )
    if not extra:
        return {
            "noHeaders": props.alert(
                f"The first row of {title} is empty, so there are no header columns; enter the row as a list of values.",
                "warning",
            ),
            "myColumnData": _VALUES,
        }
    return extra


@app.action(
    "add-single-row",
    title="Add Single Row",
    description=(
        "Add one row of data after the last row of a worksheet in Google Sheets. When the sheet has a header "
        "row, reload the props after setting hasHeaders to get one input per column (named `col_0000`, "
        "`col_0001`..., labelled with the header); otherwise give the cells as a list in myColumnData. "
        "To add many rows at once use google_sheets-add-multiple-rows; to update a row that may already exist, "
        "google_sheets-upsert-row. Returns the range written."
    ),
    props={
        "drive": app.definition("drive"),
        "sheetId": app.definition("sheetId"),
        "worksheetId": app.definition("worksheetId"),
        "hasHeaders": props.boolean(
            "Does the first row of the sheet have headers?",
            "`true` if row 1 holds column names: the props are then reloaded with one input per header column. "
            "`false` to enter the row as a plain list of values (myColumnData).",
            reload_props=True,
        ),
    },
    additional_props=additional_props,
    trim=append_summary,
)
async def add_single_row(ctx):
    columns = {
        int(match.group(1)): value
        for name, value in ctx.props.items()
        if (match := _COLUMN_PROP.match(name)) and value is not None
    }
    if columns:
        row = [columns.get(i, "") for i in range(max(columns) + 1)]
    elif ctx.props.get("myColumnData") is not None:
        row = list(ctx.props.myColumnData)
    elif ctx.props.get("hasHeaders"):
        raise ActionError(
            "no column values given: reload the props with hasHeaders true to get the col_NNNN inputs, "
            "and give a value for at least one of them (or pass myColumnData)"
        )
    else:
        raise ActionError("no values given: pass the row's cells in myColumnData")
    if not any(str(cell).strip() for cell in row):
        raise ActionError("every value of the row is empty; give at least one cell value")
    sid = spreadsheet_id(ctx.props.sheetId)
    title = await worksheet_title(ctx, sid, ctx.props.worksheetId)
    data = await api(
        ctx,
        "POST",
        range_path(sid, sheet_range(title), ":append"),
        params={"valueInputOption": "USER_ENTERED"},
        json={"values": [row]},
    )
    updated = (data.get("updates") or {}).get("updatedRange", title)
    ctx.summary = f"Added 1 row to {title} ({updated})"
    return data
