from urllib.parse import quote

from mcp_gateway.catalog import props

from ..app import app, check_post_urn, member_urn, send


def _comment(comment):
    return {"id": comment.get("id"), "urn": comment.get("$URN"), "object": comment.get("object"),
            "text": (comment.get("message") or {}).get("text"), "created": (comment.get("created") or {}).get("time")}


@app.action(
    "create-comment",
    title="Create Comment",
    description=(
        "Comment on a LinkedIn post as the connected member. To react instead (like, celebrate...), use "
        "linkedin-react-to-post."
    ),
    props={
        "postUrn": app.definition("postUrn"),
        "text": props.string("Comment", "The comment's text, up to 1,250 characters."),
    },
    trim=_comment,
)
async def create_comment(ctx):
    urn = check_post_urn(ctx.props.postUrn)
    body = {"actor": await member_urn(ctx), "object": urn, "message": {"text": ctx.props.text}}
    response = await send(ctx, "POST", f"/rest/socialActions/{quote(urn, safe='')}/comments", json=body)
    ctx.summary = f"Commented on {urn}"
    return response.json() if response.content else {"id": response.headers.get("x-restli-id")}
