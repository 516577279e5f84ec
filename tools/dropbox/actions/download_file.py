import asyncio
import json
import posixpath

from mcp_gateway.catalog import props

from ..app import CONTENT, api_arg, app, entry_summary, path_arg, request


@app.action(
    "download-file",
    title="Download File to /tmp",
    description=(
        "Download a file from Dropbox and save it under /tmp, where later steps (and File Stash) can pick it up. "
        "Returns the saved path, size and the file's Dropbox metadata. To hand someone a download link instead, "
        "use dropbox-get-temporary-link."
    ),
    props={
        "path": app.definition(
            "path", label="Dropbox Path", description="The file to download, e.g. `/Reports/2025/q2.pdf`."
        ),
        "filePath": props.string(
            "Save As",
            "Where to save it, under /tmp, e.g. `/tmp/q2.pdf`. Defaults to /tmp and the file's own name.",
            optional=True,
        ),
    },
    read_only=True,
    stash="optional",
)
async def download_file(ctx):
    source = path_arg(ctx.props.path)
    response = await request(ctx, f"{CONTENT}/files/download", headers={"Dropbox-API-Arg": api_arg({"path": source})})
    try:
        metadata = json.loads(response.headers.get("dropbox-api-result") or "{}")
    except ValueError:
        metadata = {}
    name = metadata.get("name") or posixpath.basename(source) or "download"
    save_as = ctx.props.get("filePath") or f"/tmp/{name}"
    target = ctx.tmp_path(save_as)
    await asyncio.to_thread(_save, target, response.content)
    ctx.summary = f"Downloaded {metadata.get('path_display') or source} ({len(response.content)} bytes) to {save_as}"
    return {"filePath": save_as, "size": len(response.content), "metadata": entry_summary({".tag": "file", **metadata})}


def _save(target, content):
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(content)
