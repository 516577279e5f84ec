from ..app import api, app, seg, thread_detail


@app.action(
    "get-thread",
    title="Get Conversation",
    description=(
        "Read a whole Gmail conversation (thread): every message, oldest first, with its headers, text body decoded "
        "(cut at 8,000 characters a message, with `bodyTruncated`), labels and attachments. Use it to see the "
        "replies around an email; for one email alone, gmail-get-email."
    ),
    props={"threadId": app.definition("threadId")},
    read_only=True,
    trim=thread_detail,
)
async def get_thread(ctx):
    thread = await api(ctx, "GET", f"/threads/{seg(ctx.props.threadId)}", params={"format": "full"})
    found = thread_detail(thread)
    count = found["messageCount"]
    ctx.summary = f"Read conversation \"{found.get('subject') or ''}\" ({count} message{'s' if count != 1 else ''})"
    return thread
