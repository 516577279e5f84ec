from mcp_gateway.catalog import props

from ..app import app, card_ref, card_summary, request


@app.action(
    "archive-card",
    title="Archive Card",
    description=(
        "Archive (close) a Trello card so it leaves its list, or bring an archived card back. Archived cards "
        "can be restored; nothing is deleted. To remove a card for good use trello-delete-card."
    ),
    props={
        "card": app.definition("card"),
        "archive": props.boolean(
            "Archive", "`true` to archive the card, `false` to restore an archived card.", default=True
        ),
    },
    idempotent=True,
    trim=card_summary,
)
async def archive_card(ctx):
    card = (
        await request(ctx, "PUT", f"/cards/{card_ref(ctx.props.card)}", json={"closed": bool(ctx.props.archive)})
    ).json()
    ctx.summary = f"{'Archived' if card.get('closed') else 'Restored'} card {card.get('name')!r}"
    return card
