from ..app import app, board_ref, board_summary, get_json


@app.action(
    "get-board",
    title="Get Board",
    description=(
        "Read a Trello board's structure: its open lists (columns), labels and members with their IDs. Use it "
        "to find the list, label and member IDs other Trello tools take; for the cards on it use "
        "trello-list-cards, and to find the board itself trello-list-boards."
    ),
    props={"board": app.definition("board")},
    read_only=True,
    trim=board_summary,
)
async def get_board(ctx):
    params = {
        "fields": "name,desc,url,shortLink,closed",
        "lists": "open",
        "list_fields": "name,pos,closed,idBoard",
        "labels": "all",
        "label_fields": "name,color",
        "members": "all",
        "member_fields": "fullName,username",
    }
    board = await get_json(ctx, f"/boards/{board_ref(ctx.props.board)}", params)
    count = len(board.get("lists") or [])
    ctx.summary = f"Retrieved board {board.get('name')!r} with {count} list{'s' if count != 1 else ''}"
    return board
