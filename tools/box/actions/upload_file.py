import asyncio
import json

from mcp_gateway.catalog import ActionError, props

from ..app import ITEM_FIELDS, SIMPLE_UPLOAD_LIMIT, UPLOAD, app, box_error, box_id, item_summary


@app.action(
    "upload-file",
    title="Upload File",
    description=(
        "Upload a file from /tmp (saved by an earlier step, or sent to the gateway) into a Box folder as a new file, up "
        "to 50 MB. Box refuses a name already in the folder (item_name_in_use); give another name. Returns the new "
        "file's ID."
    ),
    props={
        "filePath": props.string("File", "A path under /tmp such as `/tmp/report.pdf` saved by an earlier step, or the `file_...` id of a file sent to the gateway."),
        "folderId": app.definition("folderId"),
        "name": props.string("Name", "The file's name in Box; defaults to the file's own name.", optional=True),
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
        raise ActionError(f"{path.name} is {len(data):,} bytes; Box uploads here take up to 50 MB")
    name = ctx.props.get("name") or path.name
    if "/" in name or "\\" in name:
        raise ActionError("name must be a file name, without folders; choose the folder with folderId")
    attributes = {"name": name, "parent": {"id": box_id(ctx.props.get("folderId") or "0", "folder")}}
    # Box reads `attributes` before `file`, so the form keeps that order.
    response = await ctx.http.post(
        f"{UPLOAD}/files/content", params={"fields": ITEM_FIELDS},
        files=[("attributes", (None, json.dumps(attributes), "application/json")), ("file", (name, data, "application/octet-stream"))],
        raise_for_status=False,
    )
    if response.status_code >= 400:
        raise box_error("POST", response)
    entries = response.json().get("entries") or [{}]
    ctx.summary = f"Uploaded {name} ({len(data):,} bytes)"
    return entries[0]
