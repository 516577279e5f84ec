from mcp_gateway.catalog import props, within

from ..app import app, collect, more, team_summary


@app.action(
    "list-teams",
    title="List Teams",
    description=(
        "List the Microsoft Teams teams the connected user is a member of, with their IDs, names and "
        "descriptions. Start here to get the teamId the channel and member actions need; a team's channels are "
        "listed by microsoft_teams-list-channels."
    ),
    props={"limit": props.limit("teams"), "cursor": props.cursor()},
    read_only=True,
    trim=within("teams", team_summary),
)
async def list_teams(ctx):
    teams, cursor = await collect(ctx, "/me/joinedTeams", limit=ctx.props.limit, cursor=ctx.props.get("cursor"))
    ctx.summary = f"Listed {len(teams)} team(s){more(cursor)}"
    return {"teams": teams, "next_cursor": cursor}
