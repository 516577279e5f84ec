from mcp_gateway.catalog import props

from ..app import app, call, channel_summary, user_list, user_options


@app.action(
    "invite-user-to-channel",
    title="Invite Users to Channel",
    description=(
        "Add one or more people to a Slack channel the connected user is in (up to 100 at once). Find their "
        "user IDs with slack-find-user-by-email or slack-list-users. To add the connected user themself, use "
        "slack-join-channel; to see who is already in, slack-list-members-in-channel."
    ),
    props={
        "channel": app.definition("conversation", description="The ID of the channel to add people to, e.g. `C1234567890`."),
        "users": props.string_list(
            "Users",
            "The user IDs of the people to add, e.g. `[\"U024BE7LH\", \"W012A3CDE\"]`.",
            options=user_options,
        ),
    },
    idempotent=True,
    trim=channel_summary,
)
async def invite_user_to_channel(ctx):
    users = user_list(ctx.props.users)
    data = await call(ctx, "conversations.invite", form={"channel": ctx.props.channel, "users": users})
    channel = data.get("channel") or {}
    count = len(users.split(","))
    ctx.summary = f"Invited {count} {'person' if count == 1 else 'people'} to {channel.get('name') or ctx.props.channel}"
    return channel
