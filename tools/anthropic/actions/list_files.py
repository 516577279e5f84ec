from mcp_gateway.catalog import props

from ..app import FILES_BETA, app, call, file_summary, next_after, page_params


@app.action(
    "list-files",
    title="List Files",
    description=(
        "List the files stored with Anthropic's Files API (beta) in this workspace, newest first, with each file's "
        "ID, name, type, size and whether it can be downloaded, and a cursor for the next page."
    ),
    props={
        "limit": props.integer("Limit", "How many files to return (1 to 1000).", min=1, max=1000, default=100),
        "afterId": props.string(
            "After", "To get the next page, the `last_id` returned by the previous call.", optional=True,
        ),
    },
    read_only=True,
)
async def list_files(ctx):
    data = await call(
        ctx, "GET", "/files", params=page_params(ctx.props.get("afterId"), ctx.props.limit), headers=FILES_BETA,
    )
    files = [file_summary(f) for f in data.get("data") or []]
    following = next_after(data)
    ctx.summary = f"Listed {len(files)} file{'s' if len(files) != 1 else ''}{' (more available)' if following else ''}"
    return {"files": files, "has_more": bool(data.get("has_more")), "last_id": data.get("last_id")}
