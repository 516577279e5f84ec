from ..app import app, channel_summary, chosen_team, graph, seg


@app.action(
    "get-channel",
    title="Get Channel",
    description=(
        "Read one channel of a Microsoft Teams team: its name, description, membership type (standard, private "
        "or shared), creation time, email address and link. To find channel IDs, use microsoft_teams-list-channels."
    ),
    props={"teamId": app.definition("teamId"), "channelId": app.definition("channelId")},
    read_only=True,
    trim=channel_summary,
)
async def get_channel(ctx):
    channel = await graph(ctx, "GET", f"/teams/{chosen_team(ctx)}/channels/{seg(ctx.props.channelId)}")
    ctx.summary = f"Read channel \"{channel.get('displayName')}\" ({channel.get('id')})"
    return channel
