from pathlib import PurePosixPath

from mcp_gateway.catalog import ActionError, props

from ..app import FILES_BETA, app, call, quoted, request, save_tmp_file


@app.action(
    "download-file",
    title="Download File to /tmp",
    description=(
        "Download a file from Anthropic's file storage and save it under /tmp for later steps. Only files Claude "
        "created (with code execution or skills) can be downloaded, not files you uploaded. Returns the saved path "
        "and size. Find downloadable files with anthropic-list-files (`downloadable`)."
    ),
    props={
        "fileId": app.definition("file"),
        "filePath": props.string(
            "File Path",
            "Where to save it under /tmp, e.g. `/tmp/chart.png`. Defaults to the file's own name in /tmp.",
            optional=True,
        ),
    },
    stash="optional",
)
async def download_file(ctx):
    file_id = quoted(ctx.props.fileId)
    meta = await call(ctx, "GET", f"/files/{file_id}", headers=FILES_BETA)
    if meta.get("downloadable") is False:
        raise ActionError(
            f"{ctx.props.fileId} ({meta.get('filename')}) cannot be downloaded: Anthropic only lets you download "
            "files created by Claude (code execution or skills), not uploaded ones"
        )
    path = ctx.props.get("filePath") or f"/tmp/{PurePosixPath(meta.get('filename') or ctx.props.fileId).name}"
    response = await request(ctx, "GET", f"/files/{file_id}/content", headers=FILES_BETA)
    await save_tmp_file(ctx, path, response.content)
    size = len(response.content)
    ctx.summary = f"Downloaded {meta.get('filename') or ctx.props.fileId} ({size} bytes) to {path}"
    return {"fileId": ctx.props.fileId, "filePath": path, "size": size, "mime_type": meta.get("mime_type")}
