from mcp_gateway.catalog import ActionError, props, within

from ..app import CARD_FIELDS, app, board_ref, card_summary, get_json

# Trello serves search results in pages of at most 1000, and no page past the 100th.
MAX_PAGE = 100


def _found(card):
    return {
        **card_summary(card),
        "board": (card.get("board") or {}).get("name"),
        "list": (card.get("list") or {}).get("name"),
    }


@app.action(
    "search-cards",
    title="Search Cards",
    description=(
        "Find Trello cards by text across the user's boards, or only on chosen boards. Accepts Trello's search "
        "operators. Returns matching cards with their board and list names, and a cursor for more. To list "
        "everything in one list or board, use trello-list-cards instead."
    ),
    props={
        "query": props.string(
            "Query",
            "What to look for: words from the card's name or description, plus Trello search operators such as "
            '`label:urgent`, `@me`, `list:"In Progress"`, `due:week`, `is:open` or `has:attachments`, '
            "e.g. `login bug is:open`.",
        ),
        "boards": props.string_list(
            "Boards",
            'IDs of boards to search in, e.g. `["5abbe4b7ddc1b351ef961414"]`, from trello-list-boards or the '
            "choices. Leave empty to search all the user's boards.",
            options=app.definition("board").options,
            optional=True,
        ),
        "partial": props.boolean(
            "Match Word Starts",
            "`true` to match words that start with the query's words (`dev` finds `development`).",
            default=True,
        ),
        "limit": props.limit("cards"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("cards", _found),
)
async def search_cards(ctx):
    cursor = ctx.props.get("cursor")
    if cursor and (not str(cursor).isdigit() or int(cursor) > MAX_PAGE):
        raise ActionError("cursor must be the `next_cursor` of an earlier search, unchanged")
    page = int(cursor or 0)
    limit = ctx.props.limit
    params = {
        "query": ctx.props.query,
        "modelTypes": "cards",
        "card_fields": CARD_FIELDS,
        "card_board": "true",
        "board_fields": "name",
        "card_list": "true",
        "cards_limit": limit,
        "cards_page": page,
        "partial": "true" if ctx.props.partial else "false",
    }
    if ctx.props.get("boards"):
        params["idBoards"] = ",".join(board_ref(b) for b in ctx.props.boards)
    cards = (await get_json(ctx, "/search", params)).get("cards") or []
    # A full page may have a next one; Trello gives no total.
    following = str(page + 1) if len(cards) >= limit and page < MAX_PAGE else None
    more = " (more may follow)" if following else ""
    ctx.summary = f"Found {len(cards)} card{'s' if len(cards) != 1 else ''} for {ctx.props.query!r}{more}"
    return {"cards": cards, "next_cursor": following}
