from ..app import app, call


@app.action(
    "delete-message",
    title="Delete Message",
    description=(
        "Delete a Slack message permanently. The connected user can delete their own messages (admins can "
        "delete others'). This cannot be undone: to correct a message, use slack-update-message instead; to "
        "cancel a message not yet posted, slack-delete-scheduled-message."
    ),
    props={
        "channel": app.definition("conversation", description="The ID of the conversation the message is in, e.g. `C1234567890`."),
        "ts": app.definition("messageTs"),
    },
    destructive=True,
    idempotent=True,
)
async def delete_message(ctx):
    data = await call(ctx, "chat.delete", body={"channel": ctx.props.channel, "ts": ctx.props.ts})
    ctx.summary = f"Deleted message {data.get('ts')} from {data.get('channel')}"
    return {"channel": data.get("channel"), "ts": data.get("ts"), "deleted": True}
