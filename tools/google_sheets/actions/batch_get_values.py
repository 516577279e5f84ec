from mcp_gateway.catalog import ActionError, props

from ..app import api, app, plural, render_option, spreadsheet_id, values_summary


def _ranges(data):
    return {"valueRanges": [values_summary(r) for r in data.get("valueRanges") or []]}


@app.action(
    "batch-get-values",
    title="Get Values in Several Ranges",
    description=(
        "Read several ranges of a Google Sheets spreadsheet in one call, possibly on different worksheets, e.g. a "
        "header row and a block of totals. Returns one list of rows per range, in the order asked. For a single range "
        "use google_sheets-get-values-in-range."
    ),
    props={
        "drive": app.definition("drive"),
        "sheetId": app.definition("sheetId", reload_props=False),
        "ranges": props.string_list(
            "Ranges",
            "The ranges in A1 notation, each with its worksheet's title, e.g. `[\"Sheet1!A1:D1\", \"'Q2 Sales'!B2:B50\"]` "
            "(quote titles with spaces in single quotes). A range without a title reads the first worksheet.",
        ),
        "valueRenderOption": render_option(),
    },
    read_only=True,
    trim=_ranges,
)
async def batch_get_values(ctx):
    ranges = [str(r).strip() for r in ctx.props.ranges if str(r).strip()]
    if not ranges:
        raise ActionError("ranges is empty; give at least one range such as `Sheet1!A1:D10`")
    sid = spreadsheet_id(ctx.props.sheetId)
    params = [("ranges", r) for r in ranges]
    if ctx.props.get("valueRenderOption"):
        params.append(("valueRenderOption", ctx.props.valueRenderOption))
    data = await api(ctx, "GET", f"/spreadsheets/{sid}/values:batchGet", params=params)
    ctx.summary = f"Read {plural(len(data.get('valueRanges') or []), 'range')}"
    return data
