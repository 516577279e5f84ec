import json

from mcp_gateway.catalog import ActionError, props

from ..app import api, app, parse_rows, plural, spreadsheet_id


def _totals(data):
    keys = ("spreadsheetId", "totalUpdatedRows", "totalUpdatedColumns", "totalUpdatedCells", "totalUpdatedSheets")
    out = {k: data[k] for k in keys if k in data}
    out["updatedRanges"] = [r.get("updatedRange") for r in data.get("responses") or []]
    return out


def _data(value):
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except json.JSONDecodeError:
            value = None
    if not isinstance(value, list) or not value:
        raise ActionError(
            "data must be a non-empty array of {\"range\", \"values\"} objects, e.g. "
            "[{\"range\": \"Sheet1!A2:B2\", \"values\": [[\"Alice\", 30]]}]"
        )
    out = []
    for n, item in enumerate(value, start=1):
        if not isinstance(item, dict) or not str(item.get("range") or "").strip() or "values" not in item:
            raise ActionError(f"data item {n} must be an object with a `range` (e.g. `Sheet1!A2:B2`) and `values`")
        out.append({"range": str(item["range"]).strip(), "values": parse_rows(item["values"], keep_null=True)})
    return out


@app.action(
    "batch-update-values",
    title="Update Several Ranges",
    description=(
        "Write values into several ranges of a Google Sheets spreadsheet in one request, possibly on different "
        "worksheets: e.g. rows 2, 7 and 12 found with google_sheets-find-row, or a title cell and a block of totals. "
        "For consecutive rows use google_sheets-update-multiple-rows; for one cell, google_sheets-update-cell. Returns "
        "the ranges written and how many cells changed."
    ),
    props={
        "drive": app.definition("drive"),
        "sheetId": app.definition("sheetId", reload_props=False),
        "data": props.any_value(
            "Data",
            "The ranges and their values: an array of objects, each a `range` in A1 notation with its worksheet's "
            "title and its `values` as rows of cells, e.g. `[{\"range\": \"Sheet1!A2:C2\", \"values\": [[\"Alice\", "
            "\"alice@example.com\", 31]]}, {\"range\": \"'Q2 Sales'!F1\", \"values\": [[\"=SUM(F2:F50)\"]]}]`. Values "
            "are interpreted as if typed into the sheet; null leaves a cell as it is.",
        ),
    },
    destructive=True,
    idempotent=True,
    trim=_totals,
)
async def batch_update_values(ctx):
    data = _data(ctx.props.data)
    sid = spreadsheet_id(ctx.props.sheetId)
    result = await api(
        ctx, "POST", f"/spreadsheets/{sid}/values:batchUpdate", json={"valueInputOption": "USER_ENTERED", "data": data}
    )
    ctx.summary = f"Updated {plural(result.get('totalUpdatedCells', 0), 'cell')} in {plural(len(data), 'range')}"
    return result
