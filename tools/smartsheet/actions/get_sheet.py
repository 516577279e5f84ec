from mcp_gateway.catalog import props

from ..app import PAGE, api, app, collect, column_summary, row_summary


def _sheet(sheet):
    titles = {c.get("id"): c.get("title") for c in sheet.get("columns") or []}
    return {
        "id": sheet.get("id"),
        "name": sheet.get("name"),
        "permalink": sheet.get("permalink"),
        "total_row_count": sheet.get("totalRowCount"),
        "modified_at": sheet.get("modifiedAt"),
        "columns": [column_summary(c) for c in sheet.get("columns") or []],
        "rows": [row_summary(r, titles) for r in sheet.get("rows") or []],
        "next_cursor": sheet.get("next_cursor"),
    }


@app.action(
    "get-sheet",
    title="Get Sheet with Rows",
    description=(
        "Read a Smartsheet sheet: its columns and a page of its rows, each row's cells keyed by column title, with "
        "the row IDs that smartsheet-update-rows, smartsheet-delete-rows and smartsheet-add-comment take. For the "
        "columns alone use smartsheet-list-columns."
    ),
    props={
        "sheetId": app.definition("sheetId"),
        "rowsModifiedSince": props.string("Rows Modified Since", "Only rows changed since this time, e.g. "
                                          "`2026-12-01T00:00:00Z`.", optional=True),
        "limit": props.limit("rows"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=_sheet,
)
async def get_sheet(ctx):
    params = {"pageSize": PAGE}
    if ctx.props.get("rowsModifiedSince"):
        params["rowsModifiedSince"] = ctx.props.rowsModifiedSince

    async def fetch(page):
        return await api(ctx, "GET", f"/sheets/{ctx.props.sheetId}", params={**params, "page": page})

    sheet, rows, following = await collect(fetch, "rows", limit=ctx.props.limit, cursor=ctx.props.get("cursor"))
    ctx.summary = f"Read {len(rows)} of {sheet.get('totalRowCount', len(rows))} rows of the sheet {sheet.get('name')!r}"
    return {**sheet, "rows": rows, "next_cursor": following}
