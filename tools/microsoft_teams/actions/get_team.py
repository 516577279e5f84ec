from ..app import app, chosen_team, graph, team_summary


@app.action(
    "get-team",
    title="Get Team",
    description=(
        "Read one Microsoft Teams team: its name, description, visibility (public or private), whether it is "
        "archived, and its link. To find team IDs, use microsoft_teams-list-teams; for its channels, "
        "microsoft_teams-list-channels."
    ),
    props={"teamId": app.definition("teamId")},
    read_only=True,
    trim=team_summary,
)
async def get_team(ctx):
    team = await graph(ctx, "GET", f"/teams/{chosen_team(ctx)}")
    ctx.summary = f"Read team \"{team.get('displayName')}\" ({team.get('id')})"
    return team
