from mcp_gateway.catalog import ActionError, props, within

from ..app import app, board_summary, get_json

FILTERS = ["open", "closed", "starred", "all"]


@app.action(
    "list-boards",
    title="List Boards",
    description=(
        "List the Trello boards the connected user is a member of, with each board's ID, name, description and "
        "URL. Use it to find a board ID; for a board's lists, labels and members use trello-get-board."
    ),
    props={
        "filter": props.string(
            "Which Boards", "`open` (not closed), `closed`, `starred` or `all`.", options=FILTERS, default="open"
        ),
        "limit": props.limit("boards"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("boards", board_summary),
)
async def list_boards(ctx):
    if ctx.props.filter not in FILTERS:
        raise ActionError(f"filter must be one of {', '.join(FILTERS)}")
    cursor = ctx.props.get("cursor") or "0"
    if not str(cursor).isdigit():
        raise ActionError("cursor must be the `next_cursor` of an earlier call, unchanged")
    # Trello returns a member's boards whole; the cursor is an offset into them.
    boards = await get_json(
        ctx, "/members/me/boards", {"filter": ctx.props.filter, "fields": "name,desc,url,shortLink,closed"}
    )
    start = int(cursor)
    end = start + ctx.props.limit
    page = boards[start:end]
    ctx.summary = f"Listed {len(page)} board{'s' if len(page) != 1 else ''}"
    return {"boards": page, "next_cursor": str(end) if end < len(boards) else None}
