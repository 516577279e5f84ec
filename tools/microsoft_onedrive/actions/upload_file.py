import asyncio
from urllib.parse import quote

from mcp_gateway.catalog import ActionError, props

from ..app import SIMPLE_UPLOAD_LIMIT, app, graph_error, item_path, item_summary


@app.action(
    "upload-file",
    title="Upload File",
    description=(
        "Upload a file from /tmp (saved by an earlier step, or sent to the gateway) into a OneDrive folder, replacing a "
        "file of the same name there. Files up to 250 MB. Returns the new file's ID and link."
    ),
    props={
        "filePath": props.string("File", "A path under /tmp such as `/tmp/report.pdf` saved by an earlier step, or the `file_...` id of a file sent to the gateway."),
        "folderId": app.definition("folderId"),
        "name": props.string("Name", "The file's name in OneDrive; defaults to the file's own name.", optional=True),
    },
    stash="optional",
    trim=item_summary,
)
async def upload_file(ctx):
    path = ctx.tmp_path(ctx.props.filePath)
    try:
        data = await asyncio.to_thread(path.read_bytes)
    except (FileNotFoundError, IsADirectoryError):
        raise ActionError(f"{ctx.props.filePath} is not a file in /tmp; pass the stash_id of the step that saved it") from None
    if len(data) > SIMPLE_UPLOAD_LIMIT:
        raise ActionError(f"{path.name} is {len(data):,} bytes; OneDrive uploads here take up to 250 MB")
    name = ctx.props.get("name") or path.name
    if "/" in name or "\\" in name:
        raise ActionError("name must be a file name, without folders; choose the folder with folderId")
    target = f"{item_path(ctx.props.get('folderId'))}:/{quote(name)}:/content"
    response = await ctx.http.put(target, content=data, headers={"Content-Type": "application/octet-stream"},
                                  raise_for_status=False)
    if response.status_code >= 400:
        raise graph_error("PUT", response)
    item = response.json()
    ctx.summary = f"Uploaded {item.get('name')} ({len(data):,} bytes)"
    return item
