from ..app import api, app, conversation_with_threads


@app.action(
    "get-conversation",
    title="Get Conversation",
    description=(
        "Read one Help Scout conversation with all its threads (the customer's messages, replies, notes and changes), "
        "newest first, its status, assignee and customer. To answer it use help_scout-reply-to-conversation."
    ),
    props={"conversationId": app.definition("conversationId")},
    read_only=True,
    trim=conversation_with_threads,
)
async def get_conversation(ctx):
    conversation = await api(ctx, "GET", f"/conversations/{ctx.props.conversationId}", params={"embed": "threads"})
    ctx.summary = f"Read conversation #{conversation.get('number')} {conversation.get('subject')!r}"
    return conversation
