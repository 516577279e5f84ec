from ..app import app, board_ref, card_ref, card_summary, get_json, position, request


@app.action(
    "move-card",
    title="Move Card",
    description=(
        "Move a Trello card to another list, on the same board or another one, e.g. from `To Do` to `Done`. "
        "Returns the card with its new list. To change other fields use trello-update-card."
    ),
    props={
        "card": app.definition("card"),
        "board": app.definition(
            "board",
            description=(
                "The board to move the card to: its own board, or another board the user can see. The choices for "
                "the list come from it."
            ),
        ),
        "list": app.definition("list", description="The ID of the list (column) to move the card into."),
        "pos": app.definition("pos"),
    },
    idempotent=True,
    trim=lambda card: {**card_summary(card), "list": (card.get("list") or {}).get("name")},
)
async def move_card(ctx):
    body = {"idList": ctx.props.list, "idBoard": board_ref(ctx.props.board)}
    if ctx.props.get("pos"):
        body["pos"] = position(ctx.props.pos)
    card = (await request(ctx, "PUT", f"/cards/{card_ref(ctx.props.card)}", json=body)).json()
    target = await get_json(ctx, f"/lists/{card.get('idList') or ctx.props.list}", {"fields": "name,closed,pos,idBoard"})
    ctx.summary = f"Moved card {card.get('name')!r} to list {target.get('name')!r}"
    # The list as Trello nests it when a card is read with `list=true`.
    return {**card, "list": target}
