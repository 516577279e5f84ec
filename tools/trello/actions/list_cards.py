from mcp_gateway.catalog import props

from ..app import CARD_FIELDS, app, board_ref, card_summary, get_json

FILTERS = ["open", "closed", "all"]


@app.action(
    "list-cards",
    title="List Cards",
    description=(
        "List the cards of a Trello list, or of a whole board, with their names, lists, labels, due dates and "
        "URLs. Use it to see what is on a board or in a column."
    ),
    props={
        "board": app.definition("board"),
        "list": app.definition(
            "list",
            optional=True,
            description=(
                "The ID of one list (column) on the board to list only its cards. Leave empty for the whole board."
            ),
        ),
        "filter": props.string(
            "Which Cards",
            "`open` (not archived), `closed` (archived) or `all`. Applies to whole-board listings; a list's "
            "cards are always its open ones.",
            options=FILTERS,
            default="open",
        ),
        "max": props.integer("Max Cards", "The most cards to return (1 to 1000).", min=1, max=1000, default=200),
    },
    read_only=True,
)
async def list_cards(ctx):
    if ctx.props.get("list"):
        cards = await get_json(ctx, f"/lists/{ctx.props.list}/cards", {"fields": CARD_FIELDS})
        where = f"list {ctx.props.list}"
    else:
        filter_ = ctx.props.filter if ctx.props.filter in FILTERS else "open"
        cards = await get_json(ctx, f"/boards/{board_ref(ctx.props.board)}/cards/{filter_}", {"fields": CARD_FIELDS})
        where = f"board {ctx.props.board}"
    total = len(cards)
    shown = [card_summary(c) for c in cards[: ctx.props.max]]
    more = f" (showing {len(shown)} of {total})" if total > len(shown) else ""
    ctx.summary = f"Listed {total} card{'s' if total != 1 else ''} on {where}{more}"
    return {"cards": shown, "count": total}
