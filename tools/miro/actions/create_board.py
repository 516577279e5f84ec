from mcp_gateway.catalog import props

from ..app import api, app, board_summary


@app.action(
    "create-board",
    title="Create Board",
    description=(
        "Make a new, empty Miro board, in the user's current team or the one given. Returns its ID and link, for "
        "miro-create-sticky-note and the other item actions."
    ),
    props={
        "name": props.string("Name", "The board's name, up to 60 characters, e.g. `Sprint 42 retro`."),
        "description": props.string("Description", "What the board is for, up to 300 characters.", optional=True),
        "teamId": props.string("Team", "The team to create it in (the number in the team's Miro URL); the user's current team by default.", optional=True),
    },
    trim=board_summary,
)
async def create_board(ctx):
    body = {"name": ctx.props.name}
    if ctx.props.get("description"):
        body["description"] = ctx.props.description
    if ctx.props.get("teamId"):
        body["teamId"] = ctx.props.teamId
    board = await api(ctx, "POST", "/boards", json=body)
    ctx.summary = f"Created the board {board.get('name')!r}"
    return board
