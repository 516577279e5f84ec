from mcp_gateway.catalog import props

from ..app import PLACEMENT, api, app, board_path, item_summary, placement


@app.action(
    "create-card",
    title="Create Card",
    description=(
        "Add a card to a Miro board: a task-like item with a title, a description, a due date and an assignee. For a "
        "quick note use miro-create-sticky-note instead."
    ),
    props={
        "boardId": app.definition("boardId"),
        "title": props.string("Title", "The card's title, e.g. `Update the pricing page`."),
        "description": props.string("Description", "More detail on the card.", optional=True),
        "dueDate": props.string("Due Date", "When it is due, in ISO 8601, e.g. `2026-12-24T17:00:00Z`.", optional=True),
        "assigneeId": props.string("Assignee", "The user ID of a board member to assign it to, from miro-list-board-members.", optional=True),
        "cardTheme": props.string("Color", "The card's color as a hex code, e.g. `#2d9bf0`.", optional=True),
        **PLACEMENT,
    },
    trim=item_summary,
)
async def create_card(ctx):
    data = {"title": ctx.props.title}
    for name in ("description", "dueDate", "assigneeId"):
        if ctx.props.get(name):
            data[name] = ctx.props[name]
    body = {"data": data}
    if ctx.props.get("cardTheme"):
        body["style"] = {"cardTheme": ctx.props.cardTheme}
    card = await api(ctx, "POST", board_path(ctx.props.boardId, "cards"), json=placement(ctx, body))
    ctx.summary = f"Added the card {ctx.props.title!r} to the board"
    return card
