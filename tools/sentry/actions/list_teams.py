from mcp_gateway.catalog import props, within

from ..app import app, collect, org_path, team_summary


@app.action(
    "list-teams",
    title="List Teams",
    description=(
        "List the teams of a Sentry organization with their IDs and slugs. A team's `id` assigns an issue to the team in "
        "sentry-update-issue (`team:<id>`)."
    ),
    props={
        "organization": app.definition("organization"),
        "query": props.string("Search", "Only teams whose name or slug contains this text.", optional=True),
        "limit": props.limit("teams"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("teams", team_summary),
)
async def list_teams(ctx):
    params = {"query": ctx.props.query} if ctx.props.get("query") else {}
    teams, cursor = await collect(ctx, org_path(ctx.props.organization, "teams/"), limit=ctx.props.limit,
                                  cursor=ctx.props.get("cursor"), params=params)
    ctx.summary = f"Listed {len(teams)} team{'s' if len(teams) != 1 else ''} of {ctx.props.organization}"
    return {"teams": teams, "next_cursor": cursor}
