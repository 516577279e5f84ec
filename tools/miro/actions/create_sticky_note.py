from mcp_gateway.catalog import props

from ..app import PLACEMENT, api, app, board_path, item_summary, placement

COLORS = ["light_yellow", "yellow", "orange", "light_green", "green", "dark_green", "cyan", "light_pink", "pink",
          "violet", "red", "light_blue", "blue", "dark_blue", "gray", "black"]


@app.action(
    "create-sticky-note",
    title="Create Sticky Note",
    description=(
        "Add a sticky note with some text to a Miro board, at a position and in a color you choose. For a note with a "
        "title, description and due date use miro-create-card; for a box, circle or plain text, miro-create-shape."
    ),
    props={
        "boardId": app.definition("boardId"),
        "content": props.string("Text", "What the note says; simple HTML such as `<p>Ship it</p>` or `<strong>` works."),
        "shape": props.string("Shape", "`square` (the default) or `rectangle`.", options=["square", "rectangle"], optional=True),
        "fillColor": props.string("Color", "The note's color; light yellow by default.", options=COLORS, optional=True),
        **PLACEMENT,
    },
    trim=item_summary,
)
async def create_sticky_note(ctx):
    body = {"data": {"content": ctx.props.content}}
    if ctx.props.get("shape"):
        body["data"]["shape"] = ctx.props.shape
    if ctx.props.get("fillColor"):
        body["style"] = {"fillColor": ctx.props.fillColor}
    note = await api(ctx, "POST", board_path(ctx.props.boardId, "sticky_notes"), json=placement(ctx, body))
    ctx.summary = "Added a sticky note to the board"
    return note
