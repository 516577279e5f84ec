from pathlib import PurePosixPath
from urllib.parse import quote

from mcp_gateway.catalog import props

from ..app import app, call, request, save_tmp_file


@app.action(
    "download-file",
    title="Download File to /tmp",
    description=(
        "Download the content of a file stored in OpenAI (e.g. batch output, fine-tuning results) and save it under "
        "/tmp for later steps. OpenAI does not allow downloading files uploaded with purpose `assistants` or "
        "`user_data`. Returns the saved path and size. Find the file ID with openai-list-files."
    ),
    props={
        "fileId": app.definition("file"),
        "filePath": props.string(
            "File Path",
            "Where to save it under /tmp, e.g. `/tmp/batch_output.jsonl`. Defaults to the file's own name in /tmp.",
            optional=True,
        ),
    },
    stash="optional",
)
async def download_file(ctx):
    file_id = quote(ctx.props.fileId, safe="")
    path = ctx.props.get("filePath")
    if not path:
        meta = await call(ctx, "GET", f"/files/{file_id}")
        path = f"/tmp/{PurePosixPath(meta.get('filename') or ctx.props.fileId).name}"
    response = await request(ctx, "GET", f"/files/{file_id}/content")
    await save_tmp_file(ctx, path, response.content)
    size = len(response.content)
    ctx.summary = f"Downloaded {ctx.props.fileId} ({size} bytes) to {path}"
    return {"fileId": ctx.props.fileId, "filePath": path, "size": size}
