from ..app import app, chosen_team, graph


@app.action(
    "list-channels",
    title="List Channels",
    description=(
        "List the channels of a Microsoft Teams team that the connected user can see: ID, name, description, "
        "membership type (standard, private or shared) and link."
    ),
    props={"teamId": app.definition("teamId")},
    read_only=True,
)
async def list_channels(ctx):
    data = await graph(ctx, "GET", f"/teams/{chosen_team(ctx)}/channels")
    channels = [
        {k: c.get(k) for k in ("id", "displayName", "description", "membershipType", "createdDateTime", "webUrl")}
        for c in data.get("value") or []
    ]
    ctx.summary = f"Listed {len(channels)} channel(s) of team {ctx.props.teamId}"
    return {"channels": channels}
