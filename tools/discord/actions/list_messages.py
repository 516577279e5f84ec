from mcp_gateway.catalog import ActionError, props

from ..app import api, app, channel_props, cursor_id, message_summary, snowflake, with_guild

# Discord returns at most 100 messages a page.
_PAGE_MAX = 100


def _page(page):
    return {**page, "messages": [message_summary(m) for m in page["messages"]]}


@app.action(
    "list-messages",
    title="List Messages",
    description=(
        "Read recent messages of a Discord channel or thread, newest first: author, text, time, attachments, "
        "reactions and each message's ID and link, with a `next_cursor` for older ones. Start `before` or "
        "`around` a message to read from there, or `after` one to read newer messages (oldest first). For one "
        "message by ID, use discord-get-message. Message text is empty unless the bot has the Message Content intent."
    ),
    props=channel_props(
        limit=props.limit("messages"),
        cursor=props.cursor(),
        before=props.string(
            "Before Message ID",
            "Only messages older than this message ID, e.g. `1143600000000000000`. Use one of before, after or around.",
            optional=True,
        ),
        after=props.string(
            "After Message ID",
            "Only messages newer than this message ID, oldest first. Use one of before, after or around.",
            optional=True,
        ),
        around=props.string(
            "Around Message ID",
            "Messages around this message ID (it included), one page only. Use one of before, after or around.",
            optional=True,
        ),
    ),
    read_only=True,
    trim=_page,
)
async def list_messages(ctx):
    channel = snowflake(ctx.props.channelId, "channelId")
    anchors = {k: snowflake(ctx.props[k], k) for k in ("before", "after", "around") if ctx.props.get(k)}
    if len(anchors) > 1:
        raise ActionError(f"give only one of before, after and around (got {', '.join(anchors)})")
    # The cursor carries on in the direction the first call read: back in time, or forward (`after:<id>`).
    direction = "after" if "after" in anchors else "before"
    cursor = str(ctx.props.get("cursor") or "")
    if cursor:
        direction = "after" if cursor.startswith("after:") else "before"
        anchors = {direction: cursor_id(cursor.removeprefix("after:"))}
    limit, messages, full = ctx.props.limit, [], True
    while full and len(messages) < limit:
        size = min(_PAGE_MAX, limit - len(messages))
        page = await api(ctx, "GET", f"/channels/{channel}/messages", params={"limit": size, **anchors}) or []
        if "after" in anchors:
            page.sort(key=lambda m: int(m["id"]))  # Discord answers newest first even going forward
        messages.extend(page)
        full = len(page) == size and "around" not in anchors
        if page:
            anchors = {direction: page[-1]["id"]}
    guild = ctx.props.get("guildId")
    following = None
    if full and messages:
        following = f"after:{anchors['after']}" if direction == "after" else anchors["before"]
    ctx.summary = f"Listed {len(messages)} message(s) from channel {channel}"
    return {"messages": [with_guild(m, guild) for m in messages], "next_cursor": following}
