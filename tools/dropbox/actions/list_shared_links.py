from mcp_gateway.catalog import props, within

from ..app import app, collect_entries, link_summary, path_arg, rpc


@app.action(
    "list-shared-links",
    title="List Shared Links",
    description=(
        "List the shared links the account has made: all of them, or those of one file or folder, with each "
        "link's URL, path, audience and expiry, and a `next_cursor` when more exist. To make a link, use "
        "dropbox-create-shared-link."
    ),
    props={
        "path": app.definition("path", optional=True, description=(
            "Only links to this file or folder, e.g. `/Reports/2025/q2.pdf`. Leave empty for every link of the account."
        )),
        "directOnly": props.boolean(
            "Direct Links Only", "With a path: `true` to leave out links to the folders that contain it.", optional=True,
        ),
        "limit": props.limit("links (Dropbox may return a few more: its pages are not cut)"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("links", link_summary),
)
async def list_shared_links(ctx):
    args = {}
    if ctx.props.get("path"):
        args["path"] = path_arg(ctx.props.path)
        if ctx.props.get("directOnly") is not None:
            args["direct_only"] = bool(ctx.props.directOnly)

    def first():
        return rpc(ctx, "sharing/list_shared_links", args)

    links, following = await collect_entries(
        ctx, first, limit=ctx.props.limit, cursor=ctx.props.get("cursor"), key="links", more_endpoint="sharing/list_shared_links",
    )
    where = f" to {args['path']}" if args.get("path") else ""
    ctx.summary = f"Listed {len(links)} shared link{'s' if len(links) != 1 else ''}{where}" + (" (more available)" if following else "")
    return {"links": links, "next_cursor": following}
