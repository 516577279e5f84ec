from mcp_gateway.catalog import props, within

from ..app import app, channel_summary, chosen_team, collect, more


@app.action(
    "list-channels",
    title="List Channels",
    description=(
        "List the channels of a Microsoft Teams team that the connected user can see: ID, name, description, "
        "membership type (standard, private or shared) and link. Use it to get the channelId for posting or "
        "reading messages; for one channel's details, microsoft_teams-get-channel."
    ),
    props={"teamId": app.definition("teamId"), "limit": props.limit("channels"), "cursor": props.cursor()},
    read_only=True,
    trim=within("channels", channel_summary),
)
async def list_channels(ctx):
    channels, cursor = await collect(
        ctx, f"/teams/{chosen_team(ctx)}/channels", limit=ctx.props.limit, cursor=ctx.props.get("cursor")
    )
    ctx.summary = f"Listed {len(channels)} channel(s) of team {ctx.props.teamId}{more(cursor)}"
    return {"channels": channels, "next_cursor": cursor}
