from mcp_gateway.catalog import props

from ..app import api, app, file_key


def file_outline(data):
    """The file's pages and the frames (and other top-level layers) on each."""
    pages = []
    for page in (data.get("document") or {}).get("children") or []:
        pages.append({"id": page.get("id"), "name": page.get("name"), "frames": [
            {"id": f.get("id"), "name": f.get("name"), "type": f.get("type")} for f in page.get("children") or []]})
    return {
        "name": data.get("name"),
        "last_modified": data.get("lastModified"),
        "version": data.get("version"),
        "editor_type": data.get("editorType"),
        "thumbnail_url": data.get("thumbnailUrl"),
        "role": data.get("role"),
        "pages": pages,
    }


@app.action(
    "get-file",
    title="Get File",
    description=(
        "Outline a Figma file: its name, version and last change, its pages, and the frames and other top-level layers "
        "on each, with their node IDs. To read what is inside some frames use figma-get-file-nodes with those IDs; to "
        "see them, figma-render-images."
    ),
    props={
        "fileKey": app.definition("fileKey"),
        "version": props.string("Version", "A version ID to read instead of the current file.", optional=True),
    },
    read_only=True,
    trim=file_outline,
)
async def get_file(ctx):
    key = file_key(ctx.props.fileKey)
    # Depth 2 is pages and what sits on them; deeper trees of big files run to megabytes.
    params = {"depth": 2}
    if ctx.props.get("version"):
        params["version"] = ctx.props.version
    data = await api(ctx, "GET", f"/files/{key}", params=params)
    pages = (data.get("document") or {}).get("children") or []
    ctx.summary = f"Read {data.get('name')!r}: {len(pages)} page{'s' if len(pages) != 1 else ''}"
    return data
