from mcp_gateway.catalog import props, within

from ..app import app, gql, paged

_TEAMS = """
query Teams($first: Int!, $after: String) {
  teams(first: $first, after: $after) { nodes { id key name description private } pageInfo { hasNextPage endCursor } }
}
"""


def _team(team):
    return {k: team.get(k) for k in ("id", "key", "name", "description", "private")}


@app.action(
    "list-teams",
    title="List Teams",
    description=(
        "List the Linear teams the connected user can access, with each team's ID, key (the prefix of its issue "
        "identifiers, e.g. `ENG`) and name. Team keys and IDs go into linear-create-issue, linear-list-issues, "
        "linear-list-workflow-states and linear-list-cycles."
    ),
    props={"limit": props.limit("teams"), "cursor": props.cursor()},
    read_only=True,
    trim=within("teams", _team),
)
async def list_teams(ctx):
    page = paged("teams", (await gql(ctx, _TEAMS, {"first": ctx.props.limit, "after": ctx.props.get("cursor")}))["teams"])
    count = len(page["teams"])
    ctx.summary = f"Listed {count} Linear team{'s' if count != 1 else ''}"
    return page
