from mcp_gateway.catalog import props

from ..app import api, app, comment_summary, post_id, post_summary


def _thread(thread):
    post_listing, comment_listing = (list(thread) + [{}, {}])[:2]
    posts = (post_listing.get("data") or {}).get("children") or []
    children = (comment_listing.get("data") or {}).get("children") or []
    more = sum((c.get("data") or {}).get("count") or 0 for c in children if c.get("kind") == "more")
    return {
        "post": post_summary(posts[0]["data"]) if posts else None,
        "comments": [comment_summary(c["data"]) for c in children if c.get("kind") == "t1"],
        "more_comments": more,
    }


@app.action(
    "get-post",
    title="Get Post with Comments",
    description=(
        "Read one Reddit post with its comment tree (replies nested under each comment): the post's text or link, "
        "score, and the top comments by the chosen sort. `more_comments` counts those Reddit left out. To reply use "
        "reddit-create-comment."
    ),
    props={
        "postId": props.string(
            "Post",
            "The post's ID, e.g. `1h2k3l4` or `t3_1h2k3l4`: the `id` from reddit-list-posts or reddit-search-posts, or "
            "the part after /comments/ in the post's address.",
        ),
        "sort": props.string("Comment Sort", "`confidence` (Reddit's best, default), `top`, `new`, `controversial`, `old` or `qa`.",
                             options=["confidence", "top", "new", "controversial", "old", "qa"], optional=True),
        "limit": props.integer("Comments", "How many comments to return at most (default 50).", optional=True, default=50, min=1, max=500),
        "depth": props.integer("Reply Depth", "How many levels of replies to include (default 3).", optional=True, default=3, min=1, max=10),
    },
    read_only=True,
    trim=_thread,
)
async def get_post(ctx):
    article = post_id(ctx.props.postId)
    params = {"limit": ctx.props.limit, "depth": ctx.props.depth, "raw_json": 1}
    if ctx.props.get("sort"):
        params["sort"] = ctx.props.sort
    thread = await api(ctx, "GET", f"/comments/{article}", params=params)
    ctx.summary = f"Read post {article} with its comments"
    return thread
