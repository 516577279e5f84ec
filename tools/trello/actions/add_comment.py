from mcp_gateway.catalog import props

from ..app import app, card_ref, request


def _comment(action):
    data = action.get("data") or {}
    card = data.get("card") or {}
    return {
        "id": action.get("id"),
        "date": action.get("date"),
        "text": data.get("text"),
        "card": {"id": card.get("id"), "name": card.get("name"), "shortLink": card.get("shortLink")},
        "author": (action.get("memberCreator") or {}).get("username"),
    }


@app.action(
    "add-comment",
    title="Add Comment to Card",
    description=(
        "Post a comment on a Trello card as the connected user. Returns the comment's ID and date. To read a "
        "card's comments, use trello-get-card."
    ),
    props={
        "card": app.definition("card"),
        "text": props.string(
            "Text",
            "The comment, in Markdown (up to 16,384 characters). Mention people with `@username`.",
        ),
    },
    trim=_comment,
)
async def add_comment(ctx):
    action = (
        await request(ctx, "POST", f"/cards/{card_ref(ctx.props.card)}/actions/comments", json={"text": ctx.props.text})
    ).json()
    data = action.get("data") or {}
    card = data.get("card") or {}
    ctx.summary = f"Commented on card {card.get('name') or ctx.props.card!r}"
    return action
