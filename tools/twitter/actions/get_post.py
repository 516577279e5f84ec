from ..app import TWEET_FIELDS, api, app, in_data, post_id, tweet_summary


def _with_author(payload):
    summary = in_data(tweet_summary)(payload)
    users = (payload.get("includes") or {}).get("users") or []
    author = next((u for u in users if u.get("id") == summary["author_id"]), None)
    summary["author_username"] = author.get("username") if author else None
    return summary


@app.action(
    "get-post",
    title="Get Post",
    description=(
        "Read one post on X by its ID or link: text, author (ID and @username), time, and like, repost and reply "
        "counts. To find posts by words, use twitter-search-recent-posts."
    ),
    props={"tweetId": app.definition("tweetId")},
    read_only=True,
    trim=_with_author,
)
async def get_post(ctx):
    tweet_id = post_id(ctx.props.tweetId)
    tweet = await api(ctx, "GET", f"/tweets/{tweet_id}", params={
        "tweet.fields": TWEET_FIELDS, "expansions": "author_id", "user.fields": "username,name"})
    ctx.summary = f"Read the post {tweet_id}"
    return tweet
