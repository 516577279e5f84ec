from mcp_gateway.catalog import props, within

from ..app import app, listing, post_summary, subreddit_name


@app.action(
    "list-posts",
    title="List Posts",
    description=(
        "List a subreddit's posts as Reddit sorts them: `hot` (the front of the subreddit), `new`, `top` (over a time "
        "range) or `rising`. To find posts by words use reddit-search-posts; for one post's comments, reddit-get-post."
    ),
    props={
        "subreddit": app.definition("subreddit"),
        "sort": props.string("Sort", "`hot` (default), `new`, `top` or `rising`.", options=["hot", "new", "top", "rising"],
                             optional=True, default="hot"),
        "time": app.definition("time"),
        "limit": props.limit("posts"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("posts", post_summary),
)
async def list_posts(ctx):
    name = subreddit_name(ctx.props.subreddit)
    sort = ctx.props.get("sort") or "hot"
    params = {"t": ctx.props.time} if sort == "top" and ctx.props.get("time") else {}
    posts, after = await listing(ctx, f"/r/{name}/{sort}", limit=ctx.props.limit, cursor=ctx.props.get("cursor"), params=params)
    ctx.summary = f"Listed {len(posts)} {sort} post{'s' if len(posts) != 1 else ''} of r/{name}"
    return {"posts": posts, "next_cursor": after}
