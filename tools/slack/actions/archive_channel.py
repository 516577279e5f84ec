from ..app import app, call


@app.action(
    "archive-channel",
    title="Archive Channel",
    description=(
        "Archive a Slack channel: it becomes read-only and leaves the channel list, but its history is kept "
        "and it can be unarchived in Slack. The workspace's general channel cannot be archived. To only stop "
        "being a member, leave the channel in Slack instead."
    ),
    props={"channel": app.definition("conversation", description="The ID of the channel to archive, e.g. `C1234567890`.")},
    destructive=True,
    idempotent=True,
)
async def archive_channel(ctx):
    await call(ctx, "conversations.archive", form={"channel": ctx.props.channel})
    ctx.summary = f"Archived channel {ctx.props.channel}"
    return {"channel": ctx.props.channel, "archived": True}
