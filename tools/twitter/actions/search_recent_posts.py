from mcp_gateway.catalog import props, within

from ..app import TWEET_FIELDS, app, collect, tweet_summary


@app.action(
    "search-recent-posts",
    title="Search Recent Posts",
    description=(
        "Search X posts from the last 7 days with X's query syntax, e.g. `from:XDevelopers -is:retweet` or "
        "`\"climate summit\" lang:en has:links`. Newest first unless sorted by relevance. For one user's posts "
        "of any age, use twitter-list-user-posts."
    ),
    props={
        "query": props.string("Query", "An X search query (512 characters at most on most access tiers)."),
        "sortOrder": props.string("Sort", "`recency` (newest first, the default) or `relevancy`.",
                                  options=["recency", "relevancy"], optional=True),
        "startTime": props.string("Since", "Only posts at or after this UTC time, e.g. `2026-12-01T00:00:00Z`.", optional=True),
        "endTime": props.string("Until", "Only posts before this UTC time, e.g. `2026-12-06T00:00:00Z`.", optional=True),
        "limit": app.definition("limit"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("posts", tweet_summary),
)
async def search_recent_posts(ctx):
    params = {"query": ctx.props.query, "tweet.fields": TWEET_FIELDS}
    for prop, name in (("sortOrder", "sort_order"), ("startTime", "start_time"), ("endTime", "end_time")):
        if ctx.props.get(prop):
            params[name] = ctx.props[prop]
    posts, token = await collect(ctx, "/tweets/search/recent", limit=ctx.props.limit, cursor=ctx.props.get("cursor"),
                                 params=params, cursor_name="next_token", minimum=10)
    ctx.summary = f"Found {len(posts)} post{'s' if len(posts) != 1 else ''}"
    return {"posts": posts, "next_cursor": token}
