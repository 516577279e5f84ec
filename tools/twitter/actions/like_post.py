from ..app import api, app, my_id, post_id


@app.action(
    "like-post",
    title="Like Post",
    description="Like a post on X as the connected user. Liking a post already liked changes nothing.",
    props={"tweetId": app.definition("tweetId")},
    idempotent=True,
)
async def like_post(ctx):
    tweet_id = post_id(ctx.props.tweetId)
    user_id = await my_id(ctx)
    result = await api(ctx, "POST", f"/users/{user_id}/likes", json={"tweet_id": tweet_id})
    liked = bool((result.get("data") or {}).get("liked"))
    ctx.summary = f"Liked the post {tweet_id}" if liked else f"X did not like the post {tweet_id}"
    return {"id": tweet_id, "liked": liked}
