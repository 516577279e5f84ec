from mcp_gateway.catalog import props, within

from ..app import app, collect, message_summary, plural


@app.action(
    "list-replies",
    title="List Thread Replies",
    description=(
        "Read a Slack thread: its parent message first, then the replies in the order they were posted. Use it "
        "when a message from slack-get-conversation-history has a `reply_count`; to reply in the thread, use "
        "slack-send-message with threadTs."
    ),
    props={
        "channel": app.definition("conversation", description="The ID of the conversation the thread is in, e.g. `C1234567890`."),
        "ts": app.definition(
            "messageTs",
            label="Thread Timestamp",
            description="The `ts` of the thread's parent message (its `thread_ts`), e.g. `1712345678.000100`, from "
            "slack-get-conversation-history or slack-find-message.",
        ),
        "limit": props.limit("messages"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("messages", message_summary),
)
async def list_replies(ctx):
    params = {"channel": ctx.props.channel, "ts": ctx.props.ts}
    messages, following = await collect(
        ctx, "conversations.replies", "messages", params, limit=ctx.props.limit, cursor=ctx.props.get("cursor")
    )
    more = " (more available)" if following else ""
    ctx.summary = f"Read {plural(len(messages), 'message')} of thread {ctx.props.ts} in {ctx.props.channel}{more}"
    return {"messages": messages, "next_cursor": following}
