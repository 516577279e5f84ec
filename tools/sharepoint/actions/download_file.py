import asyncio

from mcp_gateway.catalog import ActionError, props

from ..app import app, drive_id, graph, graph_error, segment


def _save(target, content):
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(content)


@app.action(
    "download-file",
    title="Download File",
    description=(
        "Download a file from a SharePoint document library into /tmp, where later steps (and File Stash) can pick it up. "
        "Returns the saved path, name, type and size. Find the file's ID with sharepoint-list-drive-items."
    ),
    props={
        "siteId": app.definition("siteId"),
        "driveId": app.definition("driveId"),
        "itemId": props.string("File", "The file's `id`, from sharepoint-list-drive-items, e.g. `01BYE5RZ6QN3ZWBTUFOFD3GSPGOHDJD36K`."),
        "filePath": props.string("File Path", "Where to save it, under /tmp; defaults to `/tmp/<file name>`.", optional=True),
    },
    read_only=True,
    stash="optional",
)
async def download_file(ctx):
    path = f"/drives/{await drive_id(ctx)}/items/{segment(ctx.props.itemId, 'file')}"
    item = await graph(ctx, "GET", path, params={"$select": "id,name,file,folder,size"})
    if "folder" in item:
        raise ActionError(f"{item.get('name')} is a folder; list it with sharepoint-list-drive-items and download its files")
    # Graph answers /content with a redirect to a short-lived, pre-authenticated download URL.
    response = await ctx.http.get(f"{path}/content", follow_redirects=True, raise_for_status=False)
    if response.status_code >= 400:
        raise graph_error("GET", response)
    name = item.get("name") or ctx.props.itemId
    file_path = ctx.props.get("filePath") or f"/tmp/{name.replace('/', '_')}"
    await asyncio.to_thread(_save, ctx.tmp_path(file_path), response.content)
    ctx.summary = f"Downloaded {name} ({len(response.content):,} bytes) to {file_path}"
    return {"filePath": file_path, "name": name, "mimeType": (item.get("file") or {}).get("mimeType"),
            "size": len(response.content), "itemId": item.get("id")}
