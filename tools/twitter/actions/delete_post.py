from ..app import api, app, post_id


@app.action(
    "delete-post",
    title="Delete Post",
    description="Delete one of the connected X user's own posts for good. It cannot be undone.",
    props={"tweetId": app.definition("myTweetId")},
    destructive=True,
    idempotent=True,
)
async def delete_post(ctx):
    tweet_id = post_id(ctx.props.tweetId)
    result = await api(ctx, "DELETE", f"/tweets/{tweet_id}")
    deleted = bool((result.get("data") or {}).get("deleted"))
    ctx.summary = f"Deleted the post {tweet_id}" if deleted else f"X did not delete the post {tweet_id}"
    return {"id": tweet_id, "deleted": deleted}
