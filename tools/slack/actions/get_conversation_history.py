from mcp_gateway.catalog import props, within

from ..app import app, collect, message_summary, plural


@app.action(
    "get-conversation-history",
    title="Get Conversation History",
    description=(
        "Read the latest messages of a Slack channel or direct message, newest first, optionally within a time "
        "range. Thread replies are not included, only their parent messages (with `reply_count`): read a thread "
        "with slack-list-replies. To find messages by words across channels, use slack-find-message instead."
    ),
    props={
        "channel": app.definition("conversation"),
        "oldest": props.string(
            "Oldest",
            "Only messages after this moment, as a Unix timestamp in seconds, e.g. `1712345678` or "
            "`1712345678.000100`.",
            optional=True,
        ),
        "latest": props.string(
            "Latest",
            "Only messages before this moment, as a Unix timestamp in seconds, e.g. `1712345678.000100`.",
            optional=True,
        ),
        "inclusive": props.boolean(
            "Inclusive",
            "`true` also includes messages exactly at `oldest` or `latest`.",
            optional=True,
        ),
        "limit": props.limit("messages"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("messages", message_summary),
)
async def get_conversation_history(ctx):
    params = {"channel": ctx.props.channel}
    for name in ("oldest", "latest", "inclusive"):
        if ctx.props.get(name) not in (None, ""):
            params[name] = ctx.props[name]
    messages, following = await collect(
        ctx, "conversations.history", "messages", params, limit=ctx.props.limit, cursor=ctx.props.get("cursor")
    )
    more = " (more available)" if following else ""
    ctx.summary = f"Retrieved {plural(len(messages), 'message')} from {ctx.props.channel}{more}"
    return {"messages": messages, "next_cursor": following}
