from mcp_gateway.catalog import ActionError, props

from ..app import app, call, file_summary, guess_type, read_tmp_file

_PURPOSES = ["user_data", "assistants", "batch", "fine-tune", "vision", "evals"]


@app.action(
    "upload-file",
    title="Upload File",
    description=(
        "Upload a file from /tmp to OpenAI's file storage, to use in responses (PDFs and images as input), "
        "batches, fine-tuning or vector stores. Returns the new file's ID (`file-...`), name, size and purpose. To see "
        "files already uploaded, use openai-list-files."
    ),
    props={
        "filePath": props.string(
            "File",
            "The file to upload: a path under /tmp such as `/tmp/report.pdf` saved by an earlier step with the same "
            "stash_id, or the `file_...` id of a file sent to the gateway.",
        ),
        "purpose": props.string(
            "Purpose",
            "What the file is for: `user_data` (input for models, the usual choice), `assistants` (file search), "
            "`batch` (a .jsonl of batch requests), `fine-tune` (a .jsonl of training examples), `vision` or `evals`.",
            options=_PURPOSES,
            default="user_data",
        ),
        "expiresAfterDays": props.integer(
            "Expires After (days)",
            "Delete the file automatically this many days after upload (1 to 30). Leave empty to keep it.",
            optional=True,
            min=1,
            max=30,
        ),
    },
    stash="optional",
    trim=file_summary,
)
async def upload_file(ctx):
    path, data = await read_tmp_file(ctx, ctx.props.filePath)
    if len(data) > 512 * 1024 * 1024:
        raise ActionError(f"{ctx.props.filePath} is larger than 512 MB, the most OpenAI accepts in one upload")
    form = {"purpose": ctx.props.purpose}
    if ctx.props.get("expiresAfterDays"):
        form["expires_after[anchor]"] = "created_at"
        form["expires_after[seconds]"] = str(ctx.props.expiresAfterDays * 86400)
    uploaded = await call(
        ctx, "POST", "/files", data=form, files={"file": (path.name, data, guess_type(path.name))},
    )
    ctx.summary = f"Uploaded {path.name} ({len(data)} bytes) to OpenAI as {uploaded.get('id')} for {ctx.props.purpose}"
    return uploaded
