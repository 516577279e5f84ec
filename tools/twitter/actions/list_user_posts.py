from mcp_gateway.catalog import props, within

from ..app import TWEET_FIELDS, app, collect, my_id, seg, tweet_summary


@app.action(
    "list-user-posts",
    title="List User's Posts",
    description=(
        "List the posts one X user wrote, newest first (X returns the latest 3,200), optionally without replies or "
        "reposts. Leave the user empty for the connected user's own. To search by words, use twitter-search-recent-posts."
    ),
    props={
        "userId": props.string(
            "User ID", "The user's numeric ID, e.g. `2244994945`, from twitter-get-user-by-username (its `id`). "
            "Leave empty for the connected user.", optional=True,
        ),
        "exclude": props.string_list("Exclude", "Leave out `replies`, `retweets` or both.", options=["replies", "retweets"],
                                     optional=True),
        "limit": app.definition("limit"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("posts", tweet_summary),
)
async def list_user_posts(ctx):
    user_id = str(ctx.props.get("userId") or "").strip() or await my_id(ctx)
    params = {"tweet.fields": TWEET_FIELDS}
    if ctx.props.get("exclude"):
        params["exclude"] = ",".join(ctx.props.exclude)
    posts, token = await collect(ctx, f"/users/{seg(user_id)}/tweets", limit=ctx.props.limit,
                                 cursor=ctx.props.get("cursor"), params=params, cursor_name="pagination_token", minimum=5)
    ctx.summary = f"Listed {len(posts)} post{'s' if len(posts) != 1 else ''}"
    return {"posts": posts, "next_cursor": token}
