from mcp_gateway.catalog import ActionError, props

from ..app import api, app, fullname

_DIRECTIONS = {"up": 1, "none": 0, "down": -1}


@app.action(
    "vote",
    title="Vote",
    description=(
        "Upvote, downvote or clear the connected user's vote on a Reddit post or comment. Votes must be cast by a "
        "person's own choice: Reddit's rules forbid automated or bulk voting."
    ),
    props={
        "thingId": props.string(
            "Post or Comment",
            "The fullname to vote on: `t3_...` for a post, `t1_...` for a comment (the `name` field of reddit-list-posts "
            "or reddit-get-post).",
        ),
        "direction": props.string("Vote", "`up`, `down`, or `none` to take the vote back.", options=list(_DIRECTIONS)),
    },
    idempotent=True,
)
async def vote(ctx):
    thing = fullname(ctx.props.thingId)
    if ctx.props.direction not in _DIRECTIONS:
        raise ActionError(f"vote {ctx.props.direction!r} must be `up`, `down` or `none`")
    direction = _DIRECTIONS[ctx.props.direction]
    await api(ctx, "POST", "/api/vote", data={"id": thing, "dir": direction})
    ctx.summary = f"Voted {ctx.props.direction} on {thing}" if direction else f"Cleared the vote on {thing}"
    return {"id": thing, "direction": ctx.props.direction}
