from mcp_gateway.catalog import ActionError, props, within

from ..app import CARD_FIELDS, app, board_ref, card_pages, card_summary

FILTERS = ["open", "closed", "all"]


@app.action(
    "list-cards",
    title="List Cards",
    description=(
        "List the cards of a Trello list, or of a whole board, newest first, with their names, lists, labels, due "
        "dates and URLs. Use it to see what is on a board or in a column; to find cards by words or operators "
        "across boards use trello-search-cards, and for one card's checklists and comments trello-get-card."
    ),
    props={
        "board": app.definition("board"),
        "list": app.definition(
            "list",
            optional=True,
            description=(
                "The ID of one list (column) on the board to list only its cards, from trello-get-board or the "
                "choices. Leave empty for the whole board."
            ),
        ),
        "filter": props.string(
            "Which Cards",
            "`open` (not archived), `closed` (archived) or `all`.",
            options=FILTERS,
            default="open",
        ),
        "limit": props.limit("cards"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("cards", card_summary),
)
async def list_cards(ctx):
    if ctx.props.filter not in FILTERS:
        raise ActionError(f"filter must be one of {', '.join(FILTERS)}")
    if ctx.props.get("list"):
        path, where = f"/lists/{ctx.props.list}/cards", f"list {ctx.props.list}"
    else:
        path, where = f"/boards/{board_ref(ctx.props.board)}/cards", f"board {ctx.props.board}"
    cards, following = await card_pages(
        ctx, path, limit=ctx.props.limit, cursor=ctx.props.get("cursor"),
        params={"filter": ctx.props.filter, "fields": CARD_FIELDS},
    )
    more = " (more available)" if following else ""
    ctx.summary = f"Listed {len(cards)} card{'s' if len(cards) != 1 else ''} on {where}{more}"
    return {"cards": cards, "next_cursor": following}
