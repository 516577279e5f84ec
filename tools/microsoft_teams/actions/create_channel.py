from mcp_gateway.catalog import ActionError, props

from ..app import app, channel_summary, chosen_team, graph

_FORBIDDEN = set('~#%&*{}+/\\:<>?|\'"')


@app.action(
    "create-channel",
    title="Create Channel",
    description=(
        "Create a channel in a Microsoft Teams team. A standard channel is open to every team member; a private "
        "channel only to the people added to it (the connected user becomes its owner). Returns the channel's ID and link. "
        "Check the existing ones first with microsoft_teams-list-channels; then post with "
        "microsoft_teams-send-channel-message."
    ),
    props={
        "teamId": app.definition("teamId"),
        "displayName": props.string(
            "Channel Name",
            "The channel's name, up to 50 characters, without any of `~ # % & * { } + / \\ : < > ? | ' \"`, "
            "e.g. `Release planning`.",
        ),
        "description": props.string("Description", "What the channel is for, up to 1,024 characters.", optional=True),
        "membershipType": props.string(
            "Membership",
            "`standard` (the default, every team member) or `private` (only people added to it).",
            options=["standard", "private"],
            default="standard",
        ),
    },
    trim=channel_summary,
)
async def create_channel(ctx):
    name = ctx.props.displayName.strip()
    if not name or len(name) > 50:
        raise ActionError("the channel name must be 1 to 50 characters")
    bad = sorted(_FORBIDDEN.intersection(name))
    if bad:
        raise ActionError(f"the channel name cannot contain {' '.join(bad)}")
    body = {"displayName": name, "membershipType": ctx.props.membershipType}
    if ctx.props.get("description"):
        body["description"] = ctx.props.description
    channel = await graph(ctx, "POST", f"/teams/{chosen_team(ctx)}/channels", json_body=body)
    kind = channel.get("membershipType") or ctx.props.membershipType
    ctx.summary = f"Created {kind} channel \"{channel.get('displayName')}\" ({channel.get('id')})"
    return channel
