from ..app import api, app, board_path, board_summary


@app.action(
    "get-board",
    title="Get Board",
    description="Read one Miro board's details: name, description, link, team, owner and when it was created and changed.",
    props={"boardId": app.definition("boardId")},
    read_only=True,
    trim=board_summary,
)
async def get_board(ctx):
    board = await api(ctx, "GET", board_path(ctx.props.boardId))
    ctx.summary = f"Read the board {board.get('name')!r}"
    return board
