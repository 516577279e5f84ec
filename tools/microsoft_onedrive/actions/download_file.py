import asyncio

from mcp_gateway.catalog import ActionError, props

from ..app import app, graph, graph_error, item_path


def _save(target, content):
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(content)


@app.action(
    "download-file",
    title="Download File",
    description=(
        "Download a OneDrive file into /tmp, where later steps (and File Stash) can pick it up. Returns the saved path, "
        "name, type and size. For the details without the content use microsoft_onedrive-get-file."
    ),
    props={
        "itemId": app.definition("itemId"),
        "filePath": props.string("File Path", "Where to save it, under /tmp; defaults to `/tmp/<file name>`.", optional=True),
    },
    stash="optional",
)
async def download_file(ctx):
    item = await graph(ctx, "GET", item_path(ctx.props.itemId), params={"$select": "id,name,file,folder,size"})
    if "folder" in item:
        raise ActionError(f"{item.get('name')} is a folder; list it with microsoft_onedrive-list-files and download its files")
    # Graph answers /content with a redirect to a short-lived, pre-authenticated download URL.
    response = await ctx.http.get(f"{item_path(ctx.props.itemId)}/content", follow_redirects=True, raise_for_status=False)
    if response.status_code >= 400:
        raise graph_error("GET", response)
    name = item.get("name") or ctx.props.itemId
    file_path = ctx.props.get("filePath") or f"/tmp/{name.replace('/', '_')}"
    await asyncio.to_thread(_save, ctx.tmp_path(file_path), response.content)
    ctx.summary = f"Downloaded {name} ({len(response.content):,} bytes) to {file_path}"
    return {"filePath": file_path, "name": name, "mimeType": (item.get("file") or {}).get("mimeType"),
            "size": len(response.content), "itemId": item.get("id")}
