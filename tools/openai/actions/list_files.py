from mcp_gateway.catalog import props

from ..app import app, call, file_summary


@app.action(
    "list-files",
    title="List Files",
    description=(
        "List the files stored in the OpenAI account, newest first, optionally only those with one purpose. "
        "Returns each file's ID, name, purpose, size and creation time, and a cursor for the next page."
    ),
    props={
        "purpose": props.string(
            "Purpose",
            "Only files with this purpose, e.g. `user_data`, `assistants`, `batch`, `batch_output`, `fine-tune`.",
            optional=True,
        ),
        "limit": props.integer("Limit", "The most files to return (1 to 10,000).", min=1, max=10000, default=100),
        "order": props.string(
            "Order", "`desc` for newest first, `asc` for oldest first.", options=["desc", "asc"], default="desc",
        ),
        "after": props.string(
            "After",
            "To get the next page, the `last_id` returned by the previous call, e.g. `file-abc123`.",
            optional=True,
        ),
    },
    read_only=True,
)
async def list_files(ctx):
    params = {"limit": ctx.props.limit, "order": ctx.props.order}
    for name in ("purpose", "after"):
        if ctx.props.get(name):
            params[name] = ctx.props[name]
    data = await call(ctx, "GET", "/files", params=params)
    files = [file_summary(f) for f in data.get("data") or []]
    has_more = bool(data.get("has_more"))
    ctx.summary = f"Listed {len(files)} file{'s' if len(files) != 1 else ''}{' (more available)' if has_more else ''}"
    return {"files": files, "has_more": has_more, "last_id": files[-1]["id"] if files else None}
