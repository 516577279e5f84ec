from mcp_gateway.catalog import props, within

from ..app import api, app, board_path, item_summary

# Miro pages board items 10 to 50 a call.
MIN_PAGE, MAX_PAGE = 10, 50
TYPES = ["sticky_note", "card", "shape", "text", "frame", "image", "document", "embed", "app_card", "preview"]


@app.action(
    "list-items",
    title="List Items",
    description=(
        "List what is on a Miro board: sticky notes, cards, shapes, text, frames, images and more, each with its text, "
        "position and frame, optionally only of one type. Miro's pages hold at least 10 items, so a small limit may "
        "return a few more."
    ),
    props={
        "boardId": app.definition("boardId"),
        "type": props.string("Type", "Only items of this type.", options=TYPES, optional=True),
        "limit": props.limit("items"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("items", item_summary),
)
async def list_items(ctx):
    query = {"type": ctx.props.type} if ctx.props.get("type") else {}
    items, cursor = [], ctx.props.get("cursor") or None
    while len(items) < ctx.props.limit:
        size = max(MIN_PAGE, min(MAX_PAGE, ctx.props.limit - len(items)))
        page = await api(ctx, "GET", board_path(ctx.props.boardId, "items"),
                         params={**query, "limit": size, **({"cursor": cursor} if cursor else {})})
        items.extend(page.get("data") or [])
        cursor = page.get("cursor") or None
        if not cursor:
            break
    ctx.summary = f"Listed {len(items)} item{'s' if len(items) != 1 else ''} on the board"
    return {"items": items, "next_cursor": cursor}
