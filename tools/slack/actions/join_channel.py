from ..app import app, call, channel_summary


@app.action(
    "join-channel",
    title="Join Channel",
    description=(
        "Make the connected user a member of a public Slack channel, e.g. before posting or reading where "
        "`not_in_channel` was the answer. Private channels need an invitation from a member "
        "(slack-invite-user-to-channel, run by them)."
    ),
    props={
        "channel": app.definition(
            "conversation", description="The ID of the public channel to join, e.g. `C1234567890`, from slack-list-channels."
        )
    },
    idempotent=True,
    trim=channel_summary,
)
async def join_channel(ctx):
    data = await call(ctx, "conversations.join", form={"channel": ctx.props.channel})
    channel = data.get("channel") or {}
    already = " (already a member)" if data.get("warning") == "already_in_channel" else ""
    ctx.summary = f"Joined #{channel.get('name') or ctx.props.channel}{already}"
    return channel
