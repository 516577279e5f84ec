from mcp_gateway.catalog import props, within

from ..app import app, listing, post_summary, subreddit_name


@app.action(
    "search-posts",
    title="Search Posts",
    description=(
        "Search Reddit posts by words, across Reddit or within one subreddit, sorted by relevance, hot, top, new or "
        "comment count. Reddit's search syntax works, e.g. `title:launch author:spez`. To browse a subreddit without "
        "words use reddit-list-posts."
    ),
    props={
        "query": props.string("Query", "The words to look for, e.g. `rust async runtime`."),
        "subreddit": app.definition("subreddit").but(optional=True, description="Search only this subreddit (name without `r/`); leave empty for all of Reddit."),
        "sort": props.string("Sort", "`relevance` (default), `hot`, `top`, `new` or `comments`.",
                             options=["relevance", "hot", "top", "new", "comments"], optional=True),
        "time": app.definition("time"),
        "limit": props.limit("posts"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("posts", post_summary),
)
async def search_posts(ctx):
    params = {"q": ctx.props.query, "type": "link"}
    for prop, name in (("sort", "sort"), ("time", "t")):
        if ctx.props.get(prop):
            params[name] = ctx.props[prop]
    if ctx.props.get("subreddit"):
        name = subreddit_name(ctx.props.subreddit)
        path, params["restrict_sr"], where = f"/r/{name}/search", "true", f"r/{name}"
    else:
        path, where = "/search", "Reddit"
    posts, after = await listing(ctx, path, limit=ctx.props.limit, cursor=ctx.props.get("cursor"), params=params)
    ctx.summary = f"Found {len(posts)} post{'s' if len(posts) != 1 else ''} on {where} for {ctx.props.query!r}"
    return {"posts": posts, "next_cursor": after}
