from mcp_gateway.catalog import ActionError

from ..app import app, board_summary, graphql

QUERY = """query ($ids: [ID!]) {
  boards(ids: $ids) {
    id name description state board_kind workspace_id url updated_at
    groups { id title color position archived }
    columns { id title type settings_str }
  }
}"""


def _board(board):
    return {
        **board_summary(board),
        "groups": [{"id": g.get("id"), "title": g.get("title"), "archived": g.get("archived")}
                   for g in board.get("groups") or []],
        # Status and dropdown labels live in the settings; agents need them to set those columns.
        "columns": [{"id": c.get("id"), "title": c.get("title"), "type": c.get("type"),
                     **({"settings": c["settings_str"]} if c.get("type") in ("status", "dropdown") and c.get("settings_str")
                        else {})} for c in board.get("columns") or []],
    }


@app.action(
    "get-board",
    title="Get Board (Groups and Columns)",
    description=(
        "Read a monday.com board's groups and columns: the group IDs monday-create-item and monday-move-item take, and "
        "the column IDs and types (with status labels) that columnValues is keyed by. To list the board's items use "
        "monday-list-items."
    ),
    props={"boardId": app.definition("boardId")},
    read_only=True,
    trim=_board,
)
async def get_board(ctx):
    boards = (await graphql(ctx, QUERY, {"ids": [str(ctx.props.boardId)]})).get("boards") or []
    if not boards:
        raise ActionError(f"no board has ID {ctx.props.boardId} for this account; find boards with monday-list-boards")
    board = boards[0]
    groups, columns = len(board.get("groups") or []), len(board.get("columns") or [])
    ctx.summary = (f"Read the board {board.get('name')!r}: {groups} group{'s' if groups != 1 else ''}, "
                   f"{columns} column{'s' if columns != 1 else ''}")
    return board
