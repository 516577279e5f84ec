from mcp_gateway.catalog import props, within

from ..app import ITEM_FIELDS, app, graph, graph_cursor, item_path, item_summary


@app.action(
    "list-files",
    title="List Files",
    description=(
        "List the files and folders in one OneDrive folder (the top by default), folders first as OneDrive shows them. "
        "To find a file anywhere by name or content, use microsoft_onedrive-search-files."
    ),
    props={"folderId": app.definition("folderId"), "limit": props.limit("items"), "cursor": props.cursor()},
    read_only=True,
    trim=within("items", item_summary),
)
async def list_files(ctx):
    if ctx.props.get("cursor"):
        page = await graph(ctx, "GET", graph_cursor(ctx.props.cursor))
    else:
        page = await graph(ctx, "GET", f"{item_path(ctx.props.get('folderId'))}/children",
                           params={"$select": ITEM_FIELDS, "$top": ctx.props.limit})
    items = page.get("value") or []
    ctx.summary = f"Listed {len(items)} items"
    return {"items": items, "next_cursor": page.get("@odata.nextLink")}
