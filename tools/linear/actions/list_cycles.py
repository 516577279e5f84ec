from mcp_gateway.catalog import ActionError, props, within

from ..app import app, gql, paged, team_id

_CYCLES = """
query Cycles($filter: CycleFilter, $first: Int!, $after: String) {
  cycles(filter: $filter, first: $first, after: $after) {
    nodes { id number name description startsAt endsAt completedAt progress isActive isNext isPast team { key } }
    pageInfo { hasNextPage endCursor }
  }
}
"""

_WHEN = {"current": "isActive", "next": "isNext", "past": "isPast", "future": "isFuture"}


def _cycle(cycle):
    return {
        "id": cycle.get("id"),
        "number": cycle.get("number"),
        "name": cycle.get("name"),
        "team": (cycle.get("team") or {}).get("key"),
        "starts_at": cycle.get("startsAt"),
        "ends_at": cycle.get("endsAt"),
        "completed_at": cycle.get("completedAt"),
        "progress": cycle.get("progress"),
        "is_active": cycle.get("isActive"),
    }


@app.action(
    "list-cycles",
    title="List Cycles",
    description=(
        "List Linear cycles (sprints), of one team or all, optionally only the current, next, past or future "
        "ones, with their numbers, dates and progress. A cycle's ID goes into linear-list-issues' `cycle`."
    ),
    props={
        "teamId": app.definition("teamId", optional=True, description="Only this team's cycles: its key (e.g. `ENG`), name or ID."),
        "when": props.string(
            "When", "Only the `current` cycle, the `next` one, `past` ones or `future` ones. Leave empty for all.",
            options=list(_WHEN), optional=True,
        ),
        "limit": props.limit("cycles"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("cycles", _cycle),
)
async def list_cycles(ctx):
    filters = {}
    if ctx.props.get("teamId"):
        filters["team"] = {"id": {"eq": await team_id(ctx, ctx.props.teamId)}}
    when = ctx.props.get("when")
    if when:
        if when not in _WHEN:
            raise ActionError(f"when must be one of {', '.join(_WHEN)}")
        filters[_WHEN[when]] = {"eq": True}
    variables = {"filter": filters or None, "first": ctx.props.limit, "after": ctx.props.get("cursor")}
    page = paged("cycles", (await gql(ctx, _CYCLES, variables))["cycles"])
    count = len(page["cycles"])
    ctx.summary = f"Listed {count} Linear cycle{'s' if count != 1 else ''}"
    return page
