from ..app import api, app, conversation_with_parts


@app.action(
    "get-conversation",
    title="Get Conversation",
    description=(
        "Read one Intercom conversation with its messages, replies and notes in order (as plain text), its state and "
        "assignee. To answer it use intercom-reply-to-conversation."
    ),
    props={"conversationId": app.definition("conversationId")},
    read_only=True,
    trim=conversation_with_parts,
)
async def get_conversation(ctx):
    conversation = await api(ctx, "GET", f"/conversations/{ctx.props.conversationId}", params={"display_as": "plaintext"})
    parts = (conversation.get("conversation_parts") or {}).get("total_count")
    ctx.summary = f"Read conversation {conversation.get('id')} ({parts or 0} parts)"
    return conversation
