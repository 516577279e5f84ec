from urllib.parse import quote

from mcp_gateway.catalog import props

from ..app import app, check_post_urn, member_urn, send

REACTIONS = ["LIKE", "PRAISE", "EMPATHY", "INTEREST", "APPRECIATION", "ENTERTAINMENT"]


@app.action(
    "react-to-post",
    title="React to Post",
    description=(
        "React to a LinkedIn post as the connected member: Like (`LIKE`), Celebrate (`PRAISE`), Love (`EMPATHY`), "
        "Insightful (`INTEREST`), Support (`APPRECIATION`) or Funny (`ENTERTAINMENT`). To reply in words, use "
        "linkedin-create-comment."
    ),
    props={
        "postUrn": app.definition("postUrn"),
        "reactionType": props.string("Reaction", "The reaction, `LIKE` by default.", options=REACTIONS, optional=True, default="LIKE"),
    },
    idempotent=True,
)
async def react_to_post(ctx):
    urn = check_post_urn(ctx.props.postUrn)
    actor = await member_urn(ctx)
    reaction = ctx.props.get("reactionType") or "LIKE"
    await send(ctx, "POST", f"/rest/reactions?actor={quote(actor, safe='')}", json={"root": urn, "reactionType": reaction})
    ctx.summary = f"Reacted {reaction} to {urn}"
    return {"post": urn, "actor": actor, "reaction_type": reaction}
