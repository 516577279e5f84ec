from ..app import app, request


@app.action(
    "update-conversation-status",
    title="Update Conversation Status",
    description=(
        "Set a Help Scout conversation's status: `closed` when it is dealt with, `pending` while waiting on something, "
        "`active` to reopen it. To send a message with the change use help_scout-reply-to-conversation and its status."
    ),
    props={
        "conversationId": app.definition("conversationId"),
        "status": app.definition("status", optional=False),
    },
    idempotent=True,
)
async def update_conversation_status(ctx):
    await request(ctx, "PATCH", f"/conversations/{ctx.props.conversationId}",
                  json={"op": "replace", "path": "/status", "value": ctx.props.status})
    ctx.summary = f"Set conversation {ctx.props.conversationId} to {ctx.props.status}"
    return {"id": ctx.props.conversationId, "status": ctx.props.status}
