from mcp_gateway.catalog import ActionError, props

from ..app import api, app, post_id


def _created(payload):
    data = payload.get("data") or {}
    return {"id": data.get("id"), "text": data.get("text")}


@app.action(
    "create-post",
    title="Create Post",
    description=(
        "Publish a post (tweet) as the connected X user, optionally as a reply to a post or quoting one. Returns the "
        "new post's `id` and text; its link is https://x.com/i/status/<id>. To remove it later, use twitter-delete-post."
    ),
    props={
        "text": props.string("Text", "What to post, up to 280 characters for most accounts."),
        "inReplyToTweetId": app.definition(
            "tweetId", label="Reply To", optional=True,
            description="Post this as a reply to that post (its ID or link). Leave empty for a new post.",
        ),
        "quoteTweetId": app.definition(
            "tweetId", label="Quote Post", optional=True,
            description="Quote that post (its ID or link) below this one's text.",
        ),
    },
    trim=_created,
)
async def create_post(ctx):
    text = str(ctx.props.text or "")
    if not text.strip():
        raise ActionError("give the post some text")
    body = {"text": text}
    if ctx.props.get("inReplyToTweetId"):
        body["reply"] = {"in_reply_to_tweet_id": post_id(ctx.props.inReplyToTweetId)}
    if ctx.props.get("quoteTweetId"):
        body["quote_tweet_id"] = post_id(ctx.props.quoteTweetId)
    created = await api(ctx, "POST", "/tweets", json=body)
    ctx.summary = f"Posted {(created.get('data') or {}).get('id')}"
    return created
