from ..app import app, board_ref, get_json


@app.action(
    "get-board",
    title="Get Board",
    description=(
        "Read a Trello board's structure: its open lists (columns), labels and members with their IDs. Use it "
        "to find the list, label and member IDs other Trello tools take."
    ),
    props={"board": app.definition("board")},
    read_only=True,
)
async def get_board(ctx):
    params = {
        "fields": "name,desc,url,shortLink,closed",
        "lists": "open",
        "list_fields": "name,pos",
        "labels": "all",
        "label_fields": "name,color",
        "members": "all",
        "member_fields": "fullName,username",
    }
    board = await get_json(ctx, f"/boards/{board_ref(ctx.props.board)}", params)
    lists = [{"id": lst.get("id"), "name": lst.get("name")} for lst in board.get("lists") or []]
    ctx.summary = f"Retrieved board {board.get('name')!r} with {len(lists)} list{'s' if len(lists) != 1 else ''}"
    return {
        "id": board.get("id"),
        "name": board.get("name"),
        "desc": board.get("desc"),
        "url": board.get("url"),
        "closed": board.get("closed"),
        "lists": lists,
        "labels": [
            {"id": lb.get("id"), "name": lb.get("name"), "color": lb.get("color")} for lb in board.get("labels") or []
        ],
        "members": [
            {"id": m.get("id"), "fullName": m.get("fullName"), "username": m.get("username")}
            for m in board.get("members") or []
        ],
    }
