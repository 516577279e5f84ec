from ..app import app, card_ref, request


@app.action(
    "delete-card",
    title="Delete Card",
    description=(
        "Delete a Trello card for good, with its comments, checklists and attachments; it cannot be restored. "
        "To take a card off its list but keep it, use trello-archive-card instead."
    ),
    props={"card": app.definition("card")},
    destructive=True,
    idempotent=True,
)
async def delete_card(ctx):
    card = card_ref(ctx.props.card)
    await request(ctx, "DELETE", f"/cards/{card}")
    ctx.summary = f"Deleted card {card}"
    return {"id": card, "deleted": True}
