from mcp_gateway.catalog import props, within

from ..app import STATUSES, app, collect, post_summary


@app.action(
    "list-posts",
    title="List Posts",
    description=(
        "List the site's blog posts, newest first, optionally only those matching a search, in a category or with a "
        "status (drafts too). Returns titles, status, links and excerpts; for a post's full content use "
        "wordpress_org-get-post. For static pages use wordpress_org-list-pages."
    ),
    props={
        "search": props.string("Search", "Only posts whose title or content contains these words.", optional=True),
        "status": props.string_list(
            "Status", "Only posts with these statuses, e.g. `[\"draft\"]` (default: published only).",
            options=[*STATUSES, "trash"], optional=True,
        ),
        "categories": app.definition("categories").but(description="Only posts in any of these category IDs, from wordpress_org-list-categories."),
        "orderby": props.string("Order By", "Sort by `date` (default), `modified`, `title` or `relevance` (with a search).",
                                options=["date", "modified", "title", "relevance"], optional=True),
        "limit": props.limit("posts"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("posts", post_summary),
)
async def list_posts(ctx):
    params = {}
    if ctx.props.get("search"):
        params["search"] = ctx.props.search
    if ctx.props.get("status"):
        params["status"] = ",".join(ctx.props.status)
    if ctx.props.get("categories"):
        params["categories"] = ",".join(str(c) for c in ctx.props.categories)
    if ctx.props.get("orderby"):
        params["orderby"] = ctx.props.orderby
    posts, total, cursor = await collect(ctx, "/posts", limit=ctx.props.limit, cursor=ctx.props.get("cursor"), params=params)
    ctx.summary = f"Listed {len(posts)} of {total} post{'s' if total != 1 else ''}"
    return {"posts": posts, "total": total, "next_cursor": cursor}
