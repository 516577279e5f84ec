from ..app import app, graph


@app.action(
    "list-teams",
    title="List Teams",
    description="List the Microsoft Teams teams the connected user is a member of, with their IDs, names and descriptions.",
    props={},
    read_only=True,
)
async def list_teams(ctx):
    data = await graph(ctx, "GET", "/me/joinedTeams")
    teams = [
        {k: t.get(k) for k in ("id", "displayName", "description", "isArchived")} for t in data.get("value") or []
    ]
    ctx.summary = f"Listed {len(teams)} team(s)"
    return {"teams": teams}
