from mcp_gateway.catalog import ActionError, props

from ..app import api, app, conversation_path


@app.action(
    "update-conversation",
    title="Update Conversation",
    description=(
        "Archive, reopen, trash or mark as spam a Front conversation, assign it to a teammate, or move it to another "
        "inbox. Fields left empty stay as they are. To answer the customer use frontapp-reply-to-conversation."
    ),
    props={
        "conversationId": app.definition("conversationId"),
        "status": props.string("Status", "`archived` (done), `open` (reopen), `deleted` (trash) or `spam`.",
                               options=["archived", "open", "deleted", "spam"], optional=True),
        "assigneeId": app.definition("teammateId", description="The teammate to assign it to (e.g. `tea_55c8c149`; "
                                     "see the options)."),
        "unassign": props.boolean("Unassign", "Remove the current assignee.", optional=True),
        "inboxId": app.definition("inboxId", description="The inbox to move it to (its ID; see the options)."),
    },
    idempotent=True,
)
async def update_conversation(ctx):
    if ctx.props.get("unassign") and ctx.props.get("assigneeId"):
        raise ActionError("give either assigneeId or unassign, not both")
    body = {}
    if ctx.props.get("status"):
        body["status"] = ctx.props.status
    if ctx.props.get("assigneeId"):
        body["assignee_id"] = ctx.props.assigneeId
    elif ctx.props.get("unassign"):
        body["assignee_id"] = None
    if ctx.props.get("inboxId"):
        body["inbox_id"] = ctx.props.inboxId
    if not body:
        raise ActionError("nothing to change: give a status, an assigneeId, unassign or an inboxId")
    await api(ctx, "PATCH", conversation_path(ctx), json=body)
    ctx.summary = f"Updated the conversation {ctx.props.conversationId}"
    return {"id": ctx.props.conversationId, "updated": body}
