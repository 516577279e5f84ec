from mcp_gateway.catalog import props, within

from ..app import ITEM_FIELDS, app, drive_id, drive_item_summary, graph, graph_cursor, segment


@app.action(
    "list-drive-items",
    title="List Drive Items",
    description=(
        "List the files and folders in a SharePoint document library (the site's Documents by default), at its top or in "
        "one folder, with their IDs. Open a folder by passing its `id` as folderId; download a file with "
        "sharepoint-download-file."
    ),
    props={
        "siteId": app.definition("siteId"),
        "driveId": app.definition("driveId"),
        "folderId": props.string("Folder", "The `id` of a folder from an earlier listing; `root` (the default) is the library's top.",
                                 optional=True, default="root"),
        "limit": props.limit("items"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("items", drive_item_summary),
)
async def list_drive_items(ctx):
    if ctx.props.get("cursor"):
        page = await graph(ctx, "GET", graph_cursor(ctx.props.cursor))
    else:
        drive = await drive_id(ctx)
        folder = segment(ctx.props.get("folderId") or "root", "folder")
        page = await graph(ctx, "GET", f"/drives/{drive}/items/{folder}/children",
                           params={"$select": ITEM_FIELDS, "$top": ctx.props.limit})
    items = page.get("value") or []
    ctx.summary = f"Listed {len(items)} item{'s' if len(items) != 1 else ''}"
    return {"items": items, "next_cursor": page.get("@odata.nextLink")}
