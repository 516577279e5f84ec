from mcp_gateway.catalog import ActionError, props

from ..app import api, app, channel_props, message_summary, snowflake


@app.action(
    "list-messages",
    title="List Messages",
    description=(
        "Read recent messages of a Discord channel or thread, newest first: author, text, time, attachments, "
        "reactions and each message's ID. Page back in time with `before` (the oldest ID of the previous call). "
        "Message text is empty unless the bot has the Message Content intent."
    ),
    props=channel_props(
        limit=props.integer("Limit", "How many messages to return, 1 to 100. Defaults to 50.", min=1, max=100, default=50),
        before=props.string(
            "Before Message ID",
            "Only messages older than this message ID, e.g. `1143600000000000000`. Use one of before, after or around.",
            optional=True,
        ),
        after=props.string(
            "After Message ID",
            "Only messages newer than this message ID. Use one of before, after or around.",
            optional=True,
        ),
        around=props.string(
            "Around Message ID",
            "Messages around this message ID (it included). Use one of before, after or around.",
            optional=True,
        ),
    ),
    read_only=True,
)
async def list_messages(ctx):
    channel = snowflake(ctx.props.channelId, "channelId")
    anchors = {k: ctx.props.get(k) for k in ("before", "after", "around") if ctx.props.get(k)}
    if len(anchors) > 1:
        raise ActionError(f"give only one of before, after and around (got {', '.join(anchors)})")
    params = {"limit": ctx.props.limit, **{k: snowflake(v, k) for k, v in anchors.items()}}
    messages = await api(ctx, "GET", f"/channels/{channel}/messages", params=params)
    out = [message_summary(m, ctx.props.get("guildId")) for m in messages]
    ctx.summary = f"Listed {len(out)} message(s) from channel {channel}"
    return {"messages": out, "count": len(out), "oldest_id": out[-1]["id"] if out else None}
