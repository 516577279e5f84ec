from ..app import api, app, conversation_path, conversation_summary


@app.action(
    "get-conversation",
    title="Get Conversation",
    description=(
        "Read one Front conversation: subject, status, assignee, customer, tags and times. To answer it use frontapp-reply-to-conversation; to note something for teammates, frontapp-add-comment."
    ),
    props={"conversationId": app.definition("conversationId")},
    read_only=True,
    trim=conversation_summary,
)
async def get_conversation(ctx):
    conversation = await api(ctx, "GET", conversation_path(ctx))
    ctx.summary = f"Read the conversation {conversation.get('subject')!r}"
    return conversation
