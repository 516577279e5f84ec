from mcp_gateway.catalog import props

from ..app import api, app, comment_summary, fullname, refused


def _created(result):
    things = ((result.get("json") or {}).get("data") or {}).get("things") or []
    return comment_summary(things[0]["data"]) if things else {}


@app.action(
    "create-comment",
    title="Create Comment",
    description=(
        "Reply as the connected user to a Reddit post (its `t3_` name) or to a comment (its `t1_` name), in Markdown. "
        "To start a new thread use reddit-submit-post. Returns the new comment's `name`."
    ),
    props={
        "thingId": props.string(
            "Reply To",
            "The fullname of the post or comment to reply to: `t3_...` for a post (the `name` from reddit-list-posts "
            "or reddit-get-post), `t1_...` for a comment (a comment's `name` in reddit-get-post).",
        ),
        "text": props.string("Text", "The comment, in Markdown."),
    },
    trim=_created,
)
async def create_comment(ctx):
    thing = fullname(ctx.props.thingId)
    result = await api(ctx, "POST", "/api/comment", data={"api_type": "json", "thing_id": thing, "text": ctx.props.text})
    errors = (result.get("json") or {}).get("errors") or []
    if errors:
        raise refused(f"comment on {thing}", errors)
    ctx.summary = f"Replied to {thing}"
    return result
