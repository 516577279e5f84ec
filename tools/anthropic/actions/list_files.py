from mcp_gateway.catalog import props, within

from ..app import FILES_BETA, app, call, file_summary, next_after, page_params


@app.action(
    "list-files",
    title="List Files",
    description=(
        "List the files stored with Anthropic's Files API (beta) in this workspace, newest first, with each file's "
        "ID, name, type, size and whether it can be downloaded, and a `next_cursor` for the next page. Ask Claude "
        "about one with anthropic-create-message-with-file; save a downloadable one with anthropic-download-file."
    ),
    props={
        "limit": props.limit("files"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("files", file_summary),
)
async def list_files(ctx):
    data = await call(
        ctx, "GET", "/files", params=page_params(ctx.props.get("cursor"), ctx.props.limit), headers=FILES_BETA,
    )
    files = data.get("data") or []
    following = next_after(data)
    ctx.summary = f"Listed {len(files)} file{'s' if len(files) != 1 else ''}{' (more available)' if following else ''}"
    return {"files": files, "next_cursor": following}
