from mcp_gateway.catalog import props, within

from ..app import api, app, board_path, offset

# Miro lists up to 50 board members a call.
MAX_PAGE = 50


def member_summary(member):
    return {"id": member.get("id"), "name": member.get("name"), "role": member.get("role")}


@app.action(
    "list-board-members",
    title="List Board Members",
    description=(
        "List the people who share a Miro board, with their user IDs and roles (viewer, commenter, editor, coowner, "
        "owner). Use an `id` as a card's assignee in miro-create-card."
    ),
    props={"boardId": app.definition("boardId"), "limit": props.limit("members"), "cursor": props.cursor()},
    read_only=True,
    trim=within("members", member_summary),
)
async def list_board_members(ctx):
    members, at, total = [], offset(ctx.props.get("cursor")), 0
    while len(members) < ctx.props.limit:
        page = await api(ctx, "GET", board_path(ctx.props.boardId, "members"),
                         params={"limit": min(MAX_PAGE, ctx.props.limit - len(members)), "offset": at})
        found = page.get("data") or []
        members.extend(found)
        total = page.get("total") or 0
        at += len(found)
        if not found or at >= total:
            break
    ctx.summary = f"Listed {len(members)} of {total} board members"
    return {"members": members, "total": total, "next_cursor": str(at) if members and at < total else None}
