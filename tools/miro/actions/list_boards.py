from mcp_gateway.catalog import props, within

from ..app import api, app, board_summary, offset

# Miro lists up to 50 boards a call.
MAX_PAGE = 50


@app.action(
    "list-boards",
    title="List Boards",
    description=(
        "Find the Miro boards the user can open, by words in their name or description, or in one team or project, "
        "with their IDs and links. For one board's details use miro-get-board; for what is on it, miro-list-items."
    ),
    props={
        "query": props.string("Search", "Only boards whose name or description has these words.", optional=True),
        "teamId": props.string("Team", "Only boards of this team (the number in the team's Miro URL).", optional=True),
        "projectId": props.string("Project", "Only boards in this project (Space) of the team.", optional=True),
        "sort": props.string("Sort", "`default`, `last_modified`, `last_opened`, `last_created` or `alphabetically`.",
                             options=["default", "last_modified", "last_opened", "last_created", "alphabetically"], optional=True),
        "limit": props.limit("boards"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("boards", board_summary),
)
async def list_boards(ctx):
    query = {field: ctx.props[prop] for prop, field in (
        ("query", "query"), ("teamId", "team_id"), ("projectId", "project_id"), ("sort", "sort")) if ctx.props.get(prop)}
    boards, at, total = [], offset(ctx.props.get("cursor")), 0
    while len(boards) < ctx.props.limit:
        page = await api(ctx, "GET", "/boards", params={**query, "limit": min(MAX_PAGE, ctx.props.limit - len(boards)), "offset": at})
        found = page.get("data") or []
        boards.extend(found)
        total = page.get("total") or 0
        at += len(found)
        if not found or at >= total:
            break
    ctx.summary = f"Found {total} board{'s' if total != 1 else ''}; listed {len(boards)}"
    return {"boards": boards, "total": total, "next_cursor": str(at) if boards and at < total else None}
