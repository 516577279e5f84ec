from mcp_gateway.catalog import props, within

from ..app import app, gql, paged, team_id

_STATES = """
query WorkflowStates($filter: WorkflowStateFilter, $first: Int!, $after: String) {
  workflowStates(filter: $filter, first: $first, after: $after) {
    nodes { id name type color position description team { key } }
    pageInfo { hasNextPage endCursor }
  }
}
"""


def _state(state):
    return {
        "id": state.get("id"),
        "name": state.get("name"),
        "type": state.get("type"),
        "team": (state.get("team") or {}).get("key"),
        "position": state.get("position"),
        "color": state.get("color"),
        "description": state.get("description"),
    }


@app.action(
    "list-workflow-states",
    title="List Workflow States",
    description=(
        "List the workflow states (statuses such as `Todo`, `In Progress`, `Done`) of a Linear team, or of every "
        "team, with their IDs and kinds (`triage`, `backlog`, `unstarted`, `started`, `completed`, `canceled`). "
        "A state's ID or name goes into linear-update-issue and linear-create-issue."
    ),
    props={
        "teamId": app.definition("teamId", optional=True, description="Only this team's states: its key (e.g. `ENG`), name or ID."),
        "limit": props.limit("states"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("states", _state),
)
async def list_workflow_states(ctx):
    team = await team_id(ctx, ctx.props.teamId) if ctx.props.get("teamId") else None
    variables = {
        "filter": {"team": {"id": {"eq": team}}} if team else None,
        "first": ctx.props.limit,
        "after": ctx.props.get("cursor"),
    }
    page = paged("states", (await gql(ctx, _STATES, variables))["workflowStates"])
    count = len(page["states"])
    ctx.summary = f"Listed {count} Linear workflow state{'s' if count != 1 else ''}"
    return page
