import mimetypes

from mcp_gateway.catalog import ActionError, props

from ..app import FILES_BETA, app, call, file_summary, media_type, read_tmp_file


@app.action(
    "upload-file",
    title="Upload File",
    description=(
        "Upload a file from /tmp to Anthropic's file storage (Files API, beta), so messages can refer to it by ID "
        "instead of sending it again, e.g. a large PDF to ask several questions about. Returns the file ID "
        "(`file_...`), name, type and size. Then ask about it with anthropic-create-message-with-file (its fileId)."
    ),
    props={
        "filePath": props.string(
            "File",
            "The file to upload: a path under /tmp such as `/tmp/contract.pdf` saved by an earlier step with the "
            "same stash_id, or the `file_...` id of a file sent to the gateway.",
        ),
    },
    stash="optional",
    trim=file_summary,
)
async def upload_file(ctx):
    path, data = await read_tmp_file(ctx, ctx.props.filePath)
    if len(data) > 500 * 1024 * 1024:
        raise ActionError(f"{ctx.props.filePath} is larger than 500 MB, the most Anthropic accepts for one file")
    kind = mimetypes.guess_type(path.name)[0] or media_type(path.name, data) or "application/octet-stream"
    uploaded = await call(ctx, "POST", "/files", files={"file": (path.name, data, kind)}, headers=FILES_BETA)
    ctx.summary = f"Uploaded {path.name} ({len(data)} bytes) to Anthropic as {uploaded.get('id')}"
    return uploaded
