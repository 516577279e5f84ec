from mcp_gateway.catalog import props, within

from ..app import PAGE, api, app, collect, listed


@app.action(
    "list-sheets",
    title="List Sheets",
    description=(
        "List the Smartsheet sheets the user can open, with their IDs, access level and links. To find a sheet by a "
        "word in its name or content use smartsheet-search; to read one, smartsheet-get-sheet."
    ),
    props={
        "modifiedSince": props.string("Modified Since", "Only sheets changed since this time, e.g. "
                                      "`2026-12-01T00:00:00Z`.", optional=True),
        "limit": props.limit("sheets"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("sheets", listed),
)
async def list_sheets(ctx):
    params = {"pageSize": PAGE}
    if ctx.props.get("modifiedSince"):
        params["modifiedSince"] = ctx.props.modifiedSince

    async def fetch(page):
        return await api(ctx, "GET", "/sheets", params={**params, "page": page})

    first, sheets, following = await collect(fetch, "data", limit=ctx.props.limit, cursor=ctx.props.get("cursor"))
    ctx.summary = f"Listed {len(sheets)} of {first.get('totalCount', len(sheets))} sheets"
    return {"sheets": sheets, "total": first.get("totalCount"), "next_cursor": following}
