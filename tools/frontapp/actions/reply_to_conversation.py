from mcp_gateway.catalog import props

from ..app import api, app, conversation_path


@app.action(
    "reply-to-conversation",
    title="Reply to Conversation",
    description=(
        "Send a reply in a Front conversation, to the customer, through the conversation's channel (email, SMS, "
        "chat...). Front queues it and sends it shortly after. For a note only teammates see, use "
        "frontapp-add-comment instead."
    ),
    props={
        "conversationId": app.definition("conversationId"),
        "body": props.string("Body", "The reply, as HTML or plain text."),
        "authorId": app.definition("teammateId", description="The teammate it is sent as (e.g. `tea_55c8c149`); "
                                   "empty: the API token."),
        "to": props.string_list("To", "Other recipients than the conversation's, e.g. `bob@example.com`.", optional=True),
        "cc": props.string_list("Cc", "Addresses to copy.", optional=True),
        "bcc": props.string_list("Bcc", "Addresses to copy blindly.", optional=True),
        "subject": props.string("Subject", "A new subject; empty: the conversation's.", optional=True),
        "archive": props.boolean("Archive", "Archive the conversation once the reply is sent.", optional=True),
    },
)
async def reply_to_conversation(ctx):
    body = {"body": ctx.props.body}
    for name, field in (("authorId", "author_id"), ("to", "to"), ("cc", "cc"), ("bcc", "bcc"), ("subject", "subject")):
        if ctx.props.get(name):
            body[field] = ctx.props[name]
    if ctx.props.get("archive") is not None:
        body["options"] = {"archive": ctx.props.archive}
    queued = await api(ctx, "POST", f"{conversation_path(ctx)}/messages", json=body)
    ctx.summary = f"Queued a reply in the conversation {ctx.props.conversationId}"
    return queued
