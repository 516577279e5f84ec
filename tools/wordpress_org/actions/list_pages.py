from mcp_gateway.catalog import props, within

from ..app import app, collect, post_summary


@app.action(
    "list-pages",
    title="List Pages",
    description=(
        "List the site's static pages (About, Contact...), with their IDs, links and parent pages. For blog posts use "
        "wordpress_org-list-posts."
    ),
    props={
        "search": props.string("Search", "Only pages whose title or content contains these words.", optional=True),
        "parent": props.integer("Parent Page", "Only the child pages of this page ID (`0` for top-level pages).", optional=True),
        "limit": props.limit("pages"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("pages", post_summary),
)
async def list_pages(ctx):
    params = {}
    if ctx.props.get("search"):
        params["search"] = ctx.props.search
    if ctx.props.get("parent") is not None:
        params["parent"] = ctx.props.parent
    pages, total, cursor = await collect(ctx, "/pages", limit=ctx.props.limit, cursor=ctx.props.get("cursor"), params=params)
    ctx.summary = f"Listed {len(pages)} of {total} page{'s' if total != 1 else ''}"
    return {"pages": pages, "total": total, "next_cursor": cursor}
