import re

from mcp_gateway.catalog import ActionError, props

from ..app import app, batch_update, find_worksheet, grid_range, sheet_props, spreadsheet_id

_HEX = re.compile(r"^#?([0-9A-Fa-f]{6})$")
_ALIGNMENTS = ["LEFT", "CENTER", "RIGHT"]
_NUMBER_TYPES = ["TEXT", "NUMBER", "PERCENT", "CURRENCY", "DATE", "TIME", "DATE_TIME", "SCIENTIFIC"]


def _color(value, field):
    match = _HEX.match(str(value).strip())
    if not match:
        raise ActionError(f"{field} {value!r} must be a hex color such as `#FFEB3B`")
    code = match.group(1)
    return {name: int(code[i:i + 2], 16) / 255 for name, i in (("red", 0), ("green", 2), ("blue", 4))}


@app.action(
    "format-cells",
    title="Format Cells",
    description=(
        "Change how a block of cells of a worksheet in Google Sheets looks: bold, italic, font size, text and "
        "background color, alignment, wrapping, and number format (e.g. currency, percent, dates). Only the options "
        "given change; values stay as they are (to change them use google_sheets-update-cell or "
        "google_sheets-update-multiple-rows)."
    ),
    props={
        **sheet_props(),
        "range": props.string(
            "Range", "The cells to format in A1 notation, without the sheet name, e.g. `A1:F1` (a header row), `B:B` or `2:2`."
        ),
        "bold": props.boolean("Bold", "`true` for bold text, `false` for regular.", optional=True),
        "italic": props.boolean("Italic", "`true` for italic text, `false` for upright.", optional=True),
        "fontSize": props.integer("Font Size", "The font size in points, e.g. `12`.", min=1, max=400, optional=True),
        "textColor": props.string("Text Color", "The text color as hex, e.g. `#1A73E8`.", optional=True),
        "backgroundColor": props.string("Background Color", "The fill color as hex, e.g. `#FFF2CC`.", optional=True),
        "horizontalAlignment": props.string(
            "Alignment", "`LEFT`, `CENTER` or `RIGHT`.", options=_ALIGNMENTS, optional=True
        ),
        "wrapText": props.boolean(
            "Wrap Text", "`true` to wrap long text onto more lines; `false` to let it overflow into the next cells.",
            optional=True,
        ),
        "numberFormatType": props.string(
            "Number Format",
            "How numbers show: `TEXT`, `NUMBER`, `PERCENT`, `CURRENCY`, `DATE`, `TIME`, `DATE_TIME` or `SCIENTIFIC`, "
            "in the spreadsheet's locale.",
            options=_NUMBER_TYPES,
            optional=True,
        ),
        "numberFormatPattern": props.string(
            "Number Format Pattern",
            "A custom pattern for the number format, e.g. `#,##0.00`, `0.0%` or `yyyy-mm-dd`; needs numberFormatType.",
            optional=True,
        ),
    },
    destructive=True,
    idempotent=True,
)
async def format_cells(ctx):
    text, cell, fields = {}, {}, []
    for name in ("bold", "italic", "fontSize"):
        if ctx.props.get(name) is not None:
            text[name] = ctx.props[name]
            fields.append(f"userEnteredFormat.textFormat.{name}")
    if ctx.props.get("textColor"):
        text["foregroundColor"] = _color(ctx.props.textColor, "textColor")
        fields.append("userEnteredFormat.textFormat.foregroundColor")
    if text:
        cell["textFormat"] = text
    if ctx.props.get("backgroundColor"):
        cell["backgroundColor"] = _color(ctx.props.backgroundColor, "backgroundColor")
        fields.append("userEnteredFormat.backgroundColor")
    if ctx.props.get("horizontalAlignment"):
        if ctx.props.horizontalAlignment not in _ALIGNMENTS:
            raise ActionError(f"horizontalAlignment must be one of {', '.join(_ALIGNMENTS)}")
        cell["horizontalAlignment"] = ctx.props.horizontalAlignment
        fields.append("userEnteredFormat.horizontalAlignment")
    if ctx.props.get("wrapText") is not None:
        cell["wrapStrategy"] = "WRAP" if ctx.props.wrapText else "OVERFLOW_CELL"
        fields.append("userEnteredFormat.wrapStrategy")
    if ctx.props.get("numberFormatType"):
        if ctx.props.numberFormatType not in _NUMBER_TYPES:
            raise ActionError(f"numberFormatType must be one of {', '.join(_NUMBER_TYPES)}")
        cell["numberFormat"] = {"type": ctx.props.numberFormatType}
        if ctx.props.get("numberFormatPattern"):
            cell["numberFormat"]["pattern"] = ctx.props.numberFormatPattern
        fields.append("userEnteredFormat.numberFormat")
    elif ctx.props.get("numberFormatPattern"):
        raise ActionError("numberFormatPattern needs numberFormatType too, e.g. `NUMBER` for `#,##0.00`")
    if not fields:
        raise ActionError("no formatting given: set at least one of bold, italic, fontSize, colors, alignment, wrapText or numberFormatType")
    sid = spreadsheet_id(ctx.props.sheetId)
    sheet = await find_worksheet(ctx, sid, ctx.props.worksheetId)
    grid = grid_range(sheet["sheetId"], ctx.props.range)
    data = await batch_update(
        ctx, sid, {"repeatCell": {"range": grid, "cell": {"userEnteredFormat": cell}, "fields": ",".join(fields)}}
    )
    ctx.summary = f"Formatted {ctx.props.range.upper()} on {sheet['title']} ({len(fields)} settings)"
    return data
