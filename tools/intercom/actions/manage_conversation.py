from mcp_gateway.catalog import ActionError, props

from ..app import admin_id, api, app, conversation_summary


@app.action(
    "manage-conversation",
    title="Manage Conversation",
    description=(
        "Close, reopen, snooze or assign an Intercom conversation. `close` and `assignment` may carry a message to the "
        "customer; `snoozed` needs a time to wake it up; `assignment` needs the teammate or team to give it to. To "
        "only answer it use intercom-reply-to-conversation."
    ),
    props={
        "conversationId": app.definition("conversationId"),
        "action": props.string("Action", "`close`, `open` (reopen), `snoozed` or `assignment`.",
                               options=["close", "open", "snoozed", "assignment"]),
        "assigneeId": props.string("Assignee", "For `assignment`: the ID of the teammate (an admin ID, from the adminId "
                                   "options) or team to assign the conversation to.", optional=True),
        "snoozedUntil": props.integer("Snoozed Until", "For `snoozed`: when to reopen it, in Unix seconds.", optional=True),
        "body": props.string("Message", "For `close` or `assignment`: a reply the customer sees with it.", optional=True),
        "adminId": app.definition("adminId"),
    },
    idempotent=True,
    trim=conversation_summary,
)
async def manage_conversation(ctx):
    action = ctx.props.action
    if action == "assignment" and not ctx.props.get("assigneeId"):
        raise ActionError("assignment needs assigneeId: the teammate or team to assign the conversation to")
    if action == "snoozed" and not ctx.props.get("snoozedUntil"):
        raise ActionError("snoozed needs snoozedUntil: when to wake the conversation, in Unix seconds")
    body = {"message_type": action, "admin_id": await admin_id(ctx)}
    if action in ("close", "assignment"):
        body["type"] = "admin"
        if ctx.props.get("body"):
            body["body"] = ctx.props.body
    if action == "assignment":
        body["assignee_id"] = str(ctx.props.assigneeId)
    if action == "snoozed":
        body["snoozed_until"] = ctx.props.snoozedUntil
    conversation = await api(ctx, "POST", f"/conversations/{ctx.props.conversationId}/parts", json=body)
    done = {"close": "Closed", "open": "Reopened", "snoozed": "Snoozed", "assignment": "Assigned"}[action]
    ctx.summary = f"{done} conversation {ctx.props.conversationId}"
    return conversation
