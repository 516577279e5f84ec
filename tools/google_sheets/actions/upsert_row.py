from mcp_gateway.catalog import props

from ..app import (
    api, app, check_column, column_index, column_letter, parse_row, range_path, sheet_props, sheet_range,
    spreadsheet_id, worksheet_title,
)


@app.action(
    "upsert-row",
    title="Upsert Row",
    description=(
        "Update the row whose key column holds a value, or add the row at the end when none does: e.g. keep one row "
        "per email address. The first matching row (exact match) is overwritten from column A on; the key cell is "
        "set to the value in both cases. To only look rows up use google_sheets-find-row; to always add, "
        "google_sheets-add-single-row. Returns whether the row was updated or added, and its range."
    ),
    props={
        **sheet_props(),
        "column": props.string("Key Column", "The column that identifies the row, by letter, e.g. `B`."),
        "value": props.string("Key Value", "The value to look for in that column, e.g. `alice@example.com`."),
        "values": props.any_value(
            "Values",
            "The row's cell values from column A on, e.g. `[\"Alice\", \"alice@example.com\", 31]` (JSON text works too). "
            "Interpreted as if typed into the sheet; null leaves an existing cell as it is.",
        ),
    },
    destructive=True,
    idempotent=True,
)
async def upsert_row(ctx):
    column = check_column(ctx.props.column)
    wanted = str(ctx.props.value)
    values = parse_row(ctx.props["values"])
    key = column_index(column)
    values += [None] * (key + 1 - len(values))
    values[key] = wanted
    sid = spreadsheet_id(ctx.props.sheetId)
    title = await worksheet_title(ctx, sid, ctx.props.worksheetId)
    found = await api(ctx, "GET", range_path(sid, sheet_range(title, f"{column}:{column}")))
    number = next(
        (n for n, cells in enumerate(found.get("values") or [], start=1) if cells and str(cells[0]) == wanted), None
    )
    if number is None:
        data = await api(
            ctx,
            "POST",
            range_path(sid, sheet_range(title), ":append"),
            params={"valueInputOption": "USER_ENTERED"},
            json={"values": [["" if v is None else v for v in values]]},
        )
        updated = (data.get("updates") or {}).get("updatedRange")
        ctx.summary = f"No row had {wanted!r} in column {column}; added one ({updated})"
        return {"action": "added", "updatedRange": updated}
    cells = f"A{number}:{column_letter(len(values) - 1)}{number}"
    data = await api(
        ctx,
        "PUT",
        range_path(sid, sheet_range(title, cells)),
        params={"valueInputOption": "USER_ENTERED"},
        json={"values": [values]},
    )
    ctx.summary = f"Updated row {number}, where column {column} is {wanted!r} ({data.get('updatedRange')})"
    return {"action": "updated", "row": number, "updatedRange": data.get("updatedRange")}
