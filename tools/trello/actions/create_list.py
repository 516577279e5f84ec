from mcp_gateway.catalog import props

from ..app import app, board_ref, list_summary, position, request


@app.action(
    "create-list",
    title="Create List",
    description=(
        "Add a list (a column) to a Trello board, e.g. `In Review`, at the left, the right or a given position. "
        "Returns the new list's ID, which trello-create-card and trello-move-card take."
    ),
    props={
        "board": app.definition("board", description=(
            "The board to add the list to: its 24-character ID, short link or URL. The choices list the user's "
            "open boards; trello-list-boards returns IDs too."
        )),
        "name": props.string("Name", "The list's title, e.g. `In Review`."),
        "pos": app.definition(
            "pos",
            description="Where the list goes on the board: `top` (leftmost), `bottom` (rightmost, the default) or a positive number.",
        ),
    },
    trim=list_summary,
)
async def create_list(ctx):
    body = {"name": ctx.props.name, "idBoard": board_ref(ctx.props.board)}
    if ctx.props.get("pos"):
        body["pos"] = position(ctx.props.pos)
    created = (await request(ctx, "POST", "/lists", json=body)).json()
    ctx.summary = f"Created list {created.get('name')!r}"
    return created
