from ..app import app, call, channel_summary


@app.action(
    "get-channel",
    title="Get Channel",
    description=(
        "Read one Slack conversation by ID: its name, privacy, whether it is archived, whether the connected "
        "user is a member, topic, purpose and member count. To find a channel's ID from its name, use "
        "slack-list-channels; for its messages, slack-get-conversation-history."
    ),
    props={"channel": app.definition("conversation")},
    read_only=True,
    trim=channel_summary,
)
async def get_channel(ctx):
    data = await call(ctx, "conversations.info", params={"channel": ctx.props.channel, "include_num_members": "true"})
    channel = data.get("channel") or {}
    ctx.summary = f"Read {channel.get('name') or channel.get('id')} ({channel.get('id')})"
    return channel
