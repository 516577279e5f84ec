from mcp_gateway.catalog import props

from ..app import admin_id, api, app, conversation_summary


@app.action(
    "reply-to-conversation",
    title="Reply To Conversation",
    description=(
        "Answer an Intercom conversation as a teammate: a reply the customer sees (`comment`), or an internal `note` "
        "only teammates see. To close, snooze or assign it use intercom-manage-conversation; to note something on a "
        "contact rather than a conversation, intercom-create-note."
    ),
    props={
        "conversationId": app.definition("conversationId"),
        "body": props.string("Body", "The message; simple HTML such as `<p>` and `<a>` is allowed."),
        "messageType": props.string("Message Type", "`comment` (the customer sees it, the default) or `note` (internal).",
                                    options=["comment", "note"], optional=True, default="comment"),
        "adminId": app.definition("adminId"),
        "attachmentUrls": props.string_list("Attachment URLs", "Public URLs of files to attach, up to 10.", optional=True),
    },
    trim=conversation_summary,
)
async def reply_to_conversation(ctx):
    body = {"message_type": ctx.props.messageType, "type": "admin", "admin_id": await admin_id(ctx),
            "body": ctx.props.body}
    if ctx.props.get("attachmentUrls"):
        body["attachment_urls"] = list(ctx.props.attachmentUrls)
    conversation = await api(ctx, "POST", f"/conversations/{ctx.props.conversationId}/reply", json=body)
    what = "an internal note to" if ctx.props.messageType == "note" else "a reply to"
    ctx.summary = f"Added {what} conversation {ctx.props.conversationId}"
    return conversation
