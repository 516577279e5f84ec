from mcp_gateway.catalog import props, within

from ..app import PAGE, app, board_summary, collect_pages, graphql

QUERY = """query ($limit: Int, $page: Int, $state: State, $workspaceIds: [ID]) {
  boards(limit: $limit, page: $page, state: $state, workspace_ids: $workspaceIds, order_by: used_at) {
    id name description state board_kind workspace_id url updated_at
  }
}"""


@app.action(
    "list-boards",
    title="List Boards",
    description=(
        "List the monday.com boards the user can see, most recently used first, optionally only in some workspaces or "
        "archived ones. For a board's groups and columns (needed to add or change items) use monday-get-board."
    ),
    props={
        "state": props.string("State", "Which boards: `active` (default), `archived`, or `all`.",
                              options=["active", "archived", "all"], optional=True),
        "workspaceIds": props.string_list("Workspaces", "Only boards in these workspace IDs.", optional=True),
        "limit": props.limit("boards"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("boards", board_summary),
)
async def list_boards(ctx):
    variables = {"limit": PAGE, "state": ctx.props.get("state") or "active"}
    if ctx.props.get("workspaceIds"):
        variables["workspaceIds"] = list(ctx.props.workspaceIds)

    async def fetch(page):
        return (await graphql(ctx, QUERY, {**variables, "page": page})).get("boards") or []

    boards, following = await collect_pages(fetch, limit=ctx.props.limit, cursor=ctx.props.get("cursor"))
    ctx.summary = f"Listed {len(boards)} board{'s' if len(boards) != 1 else ''}"
    return {"boards": boards, "next_cursor": following}
