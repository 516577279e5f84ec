from mcp_gateway.catalog import props

from ..app import app, call


@app.action(
    "delete-scheduled-message",
    title="Cancel Message to Send Later",
    description=(
        "Cancel a Slack message scheduled with slack-schedule-message before it is posted. A message already "
        "posted is deleted with slack-delete-message instead."
    ),
    props={
        "channel": app.definition("conversation", description="The ID of the conversation the message was scheduled in, e.g. `C1234567890`."),
        "scheduledMessageId": props.string(
            "Scheduled Message ID",
            "The `scheduled_message_id` slack-schedule-message returned, or an `id` from "
            "slack-list-scheduled-messages, e.g. `Q1298393284`.",
        ),
    },
    destructive=True,
    idempotent=True,
)
async def delete_scheduled_message(ctx):
    await call(
        ctx, "chat.deleteScheduledMessage",
        form={"channel": ctx.props.channel, "scheduled_message_id": ctx.props.scheduledMessageId},
    )
    ctx.summary = f"Cancelled scheduled message {ctx.props.scheduledMessageId} in {ctx.props.channel}"
    return {"channel": ctx.props.channel, "scheduled_message_id": ctx.props.scheduledMessageId, "deleted": True}
