from ..app import app, card_ref, request


@app.action(
    "add-label-to-card",
    title="Add Label to Card",
    description=(
        "Put one of the board's labels on a Trello card, keeping the labels it has. To set a card's whole label "
        "list at once, use trello-update-card. Returns the card's label IDs. Trello refuses a label the card "
        "already has."
    ),
    props={
        "board": app.definition(
            "board", optional=True, description="The card's board. Only used to offer choices for the card and label."
        ),
        "card": app.definition("card"),
        "label": app.definition("labels").but(
            type="string",
            label="Label",
            description=(
                "The ID of a label of the card's board, e.g. `5abbe4b7ddc1b351ef961417`. The choices list the "
                "chosen board's labels; trello-get-board returns them too."
            ),
            optional=False,
        ),
    },
)
async def add_label_to_card(ctx):
    card = card_ref(ctx.props.card)
    label_ids = (await request(ctx, "POST", f"/cards/{card}/idLabels", json={"value": ctx.props.label})).json()
    ctx.summary = f"Added label {ctx.props.label} to card {card}"
    return {"id": card, "idLabels": label_ids}
