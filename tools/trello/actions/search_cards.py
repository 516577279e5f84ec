from mcp_gateway.catalog import props

from ..app import CARD_FIELDS, app, board_ref, card_summary, get_json


@app.action(
    "search-cards",
    title="Search Cards",
    description=(
        "Find Trello cards by text across the user's boards, or only on chosen boards. Accepts Trello's search "
        "operators. Returns matching cards with their board and list, 1 page at a time."
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
            'IDs of boards to search in, e.g. `["5abbe4b7ddc1b351ef961414"]`. Leave empty to search all the '
            "user's boards.",
            options=app.definition("board").options,
            optional=True,
        ),
        "partial": props.boolean(
            "Match Word Starts",
            "`true` to match words that start with the query's words (`dev` finds `development`).",
            default=True,
        ),
        "limit": props.integer("Limit", "How many cards to return per page (1 to 1000).", min=1, max=1000, default=50),
        "page": props.integer("Page", "Which page of results, starting at 0 (up to 100).", min=0, max=100, default=0),
    },
    read_only=True,
)
async def search_cards(ctx):
    params = {
        "query": ctx.props.query,
        "modelTypes": "cards",
        "card_fields": CARD_FIELDS,
        "card_board": "true",
        "board_fields": "name",
        "card_list": "true",
        "cards_limit": ctx.props.limit,
        "cards_page": ctx.props.page,
        "partial": "true" if ctx.props.partial else "false",
    }
    if ctx.props.get("boards"):
        params["idBoards"] = ",".join(board_ref(b) for b in ctx.props.boards)
    data = await get_json(ctx, "/search", params)
    cards = []
    for card in data.get("cards") or []:
        entry = card_summary(card)
        entry["board"] = (card.get("board") or {}).get("name")
        entry["list"] = (card.get("list") or {}).get("name")
        cards.append(entry)
    more = " (a next page may have more)" if len(cards) >= ctx.props.limit else ""
    ctx.summary = f"Found {len(cards)} card{'s' if len(cards) != 1 else ''} for {ctx.props.query!r}{more}"
    return {"cards": cards, "page": ctx.props.page}
