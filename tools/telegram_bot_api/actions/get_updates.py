from mcp_gateway.catalog import props, within

from ..app import app, call, message_summary, update_chat

_KINDS = (
    "message", "edited_message", "channel_post", "edited_channel_post", "business_message", "callback_query",
    "my_chat_member", "chat_member", "chat_join_request", "poll", "poll_answer", "message_reaction", "inline_query",
)


def _update_summary(update):
    kind = next((k for k in _KINDS if k in update), next((k for k in update if k != "update_id"), None))
    out = {"update_id": update.get("update_id"), "type": kind}
    value = update.get(kind)
    if kind in ("message", "edited_message", "channel_post", "edited_channel_post", "business_message"):
        out["message"] = message_summary(value)
    elif kind == "callback_query":
        out["callback_query"] = {"id": value.get("id"), "data": value.get("data"),
                                 "from": (value.get("from") or {}).get("id"),
                                 "message_id": (value.get("message") or {}).get("message_id")}
    else:
        out[kind] = value
    chat = update_chat(update)
    if chat:
        out["chat_id"] = chat.get("id")
    return out


@app.action(
    "get-updates",
    title="Get Updates",
    description=(
        "Read the bot's incoming updates (messages sent to it, channel posts, button presses, members joining...) "
        "from the last 24 hours, oldest first. Passing `offset` confirms, and so removes, every earlier update. "
        "Not available while the bot has a webhook set. Telegram keeps no other history: this is where chat IDs, "
        "message IDs and file IDs of incoming messages come from. Returns `next_offset` to pass as `offset` to "
        "read only newer updates."
    ),
    props={
        "limit": props.integer("Limit", "How many updates to return, 1 to 100.", min=1, max=100, default=100),
        "offset": props.integer(
            "Offset",
            "The `update_id` to start from; updates before it are confirmed and dropped from Telegram's queue. To "
            "read only newer updates next time, pass the last `update_id` plus 1. Leave empty to read without confirming.",
            optional=True,
        ),
    },
    read_only=True,
    # With an offset, the call drops the earlier updates from Telegram's queue, so a repeat reads less.
    idempotent=False,
    trim=within("updates", _update_summary),
)
async def get_updates(ctx):
    body = {"limit": ctx.props.limit, "timeout": 0}
    if ctx.props.get("offset") is not None:
        body["offset"] = ctx.props.offset
    updates = await call(ctx, "getUpdates", body) or []
    last = updates[-1].get("update_id") if updates else None
    ctx.summary = f"Got {len(updates)} update{'s' if len(updates) != 1 else ''}" + (
        f" (last update_id {last})" if last is not None else ""
    )
    return {"updates": updates, "next_offset": last + 1 if last is not None else ctx.props.get("offset")}
