from mcp_gateway.catalog import props, within

from ..app import app, call, file_summary


@app.action(
    "list-files",
    title="List Files",
    description=(
        "List the files stored in the OpenAI account, newest first, optionally only those with one purpose. "
        "Returns each file's ID, name, purpose, size and creation time, and a `next_cursor` for the next page. "
        "To fetch a file's content use openai-download-file; to add one, openai-upload-file."
    ),
    props={
        "purpose": props.string(
            "Purpose",
            "Only files with this purpose, e.g. `user_data`, `assistants`, `batch`, `batch_output`, `fine-tune`.",
            optional=True,
        ),
        "order": props.string(
            "Order", "`desc` for newest first, `asc` for oldest first.", options=["desc", "asc"], default="desc",
        ),
        "limit": props.limit("files"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("files", file_summary),
)
async def list_files(ctx):
    params = {"limit": ctx.props.limit, "order": ctx.props.order}
    if ctx.props.get("purpose"):
        params["purpose"] = ctx.props.purpose
    # OpenAI pages by the ID of the last file seen.
    if ctx.props.get("cursor"):
        params["after"] = ctx.props.cursor
    data = await call(ctx, "GET", "/files", params=params)
    files = data.get("data") or []
    following = files[-1].get("id") if files and data.get("has_more") else None
    ctx.summary = f"Listed {len(files)} file{'s' if len(files) != 1 else ''}{' (more available)' if following else ''}"
    return {"files": files, "next_cursor": following}
