from mcp_gateway.catalog import props

from ..app import app, collect, plural


@app.action(
    "list-scheduled-messages",
    title="List Messages to Send Later",
    description=(
        "List the connected user's messages waiting to be posted, optionally in one conversation: each one's "
        "`id` (the scheduled_message_id slack-delete-scheduled-message takes), channel, post time (Unix "
        "seconds) and text. Schedule one with slack-schedule-message."
    ),
    props={
        "channel": app.definition("conversation", optional=True, description="Only messages scheduled in this conversation, e.g. `C1234567890`."),
        "limit": props.limit("scheduled messages"),
        "cursor": props.cursor(),
    },
    read_only=True,
)
async def list_scheduled_messages(ctx):
    params = {"channel": ctx.props.get("channel") or None}
    scheduled, following = await collect(
        ctx, "chat.scheduledMessages.list", "scheduled_messages", params,
        limit=ctx.props.limit, cursor=ctx.props.get("cursor"),
    )
    more = " (more available)" if following else ""
    ctx.summary = f"Listed {plural(len(scheduled), 'scheduled message')}{more}"
    return {"scheduled_messages": scheduled, "next_cursor": following}
