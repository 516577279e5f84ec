from mcp_gateway.catalog import props

from ..app import app, call, message_summary, next_cursor


@app.action(
    "get-conversation-history",
    title="Get Conversation History",
    description=(
        "Read the latest messages of a Slack channel or direct message, newest first, optionally within a time "
        "range. Thread replies are not included (only their parent messages). Returns the messages, whether "
        "there are more, and a cursor for the next page."
    ),
    props={
        "channel": app.definition("conversation"),
        "limit": props.integer("Limit", "How many messages to return (1 to 999).", min=1, max=999, default=20),
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
        "cursor": props.string("Cursor", "The `next_cursor` from a previous call, to get older messages.", optional=True),
    },
    read_only=True,
)
async def get_conversation_history(ctx):
    params = {"channel": ctx.props.channel, "limit": ctx.props.limit}
    for name in ("oldest", "latest", "inclusive", "cursor"):
        if ctx.props.get(name) not in (None, ""):
            params[name] = ctx.props[name]
    data = await call(ctx, "conversations.history", params=params)
    messages = [message_summary(m) for m in data.get("messages") or []]
    more = " (more available)" if data.get("has_more") else ""
    ctx.summary = f"Retrieved {len(messages)} message{'s' if len(messages) != 1 else ''} from {ctx.props.channel}{more}"
    return {"messages": messages, "has_more": bool(data.get("has_more")), "next_cursor": next_cursor(data)}
