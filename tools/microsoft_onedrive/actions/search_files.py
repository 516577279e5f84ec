from mcp_gateway.catalog import props, within

from ..app import ITEM_FIELDS, app, graph, graph_cursor, item_summary


@app.action(
    "search-files",
    title="Search Files",
    description=(
        "Find files and folders anywhere in the user's OneDrive whose name or content matches some words, e.g. "
        "`budget 2026`. Returns their IDs for the other actions. To see what is inside one folder, use "
        "microsoft_onedrive-list-files."
    ),
    props={"query": props.string("Query", "Words in the file's name or content."), "limit": props.limit("items"),
           "cursor": props.cursor()},
    read_only=True,
    trim=within("items", item_summary),
)
async def search_files(ctx):
    if ctx.props.get("cursor"):
        page = await graph(ctx, "GET", graph_cursor(ctx.props.cursor))
    else:
        words = ctx.props.query.replace("'", "''")  # OData string literals double their quotes
        page = await graph(ctx, "GET", f"/me/drive/root/search(q='{words}')", params={"$select": ITEM_FIELDS, "$top": ctx.props.limit})
    items = page.get("value") or []
    ctx.summary = f"Found {len(items)} items matching {ctx.props.query!r}"
    return {"items": items, "next_cursor": page.get("@odata.nextLink")}
