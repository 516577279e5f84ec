from mcp_gateway.catalog import props

from ..app import app, call, message_summary


def _sent(data):
    return {"channel": data.get("channel"), "ts": data.get("ts"), "message": message_summary(data.get("message") or {})}


@app.action(
    "send-message",
    title="Send Message",
    description=(
        "Post a message as the connected user to a Slack channel, private channel or direct message, or as a "
        "reply in a thread. Returns the channel and the new message's `ts` (needed to edit, delete, pin or react "
        "to it). To message a person directly, get the DM's channel ID with slack-open-conversation first. "
        "To post later, use slack-schedule-message; to show a message to one person only, "
        "slack-send-ephemeral-message; to change a sent message, slack-update-message."
    ),
    props={
        "channel": app.definition("conversation"),
        "text": props.string(
            "Text",
            "The message, in Slack's mrkdwn: `*bold*`, `_italic_`, `<https://example.com|link text>`, and "
            "`<@U024BE7LH>` to mention someone by user ID.",
        ),
        "threadTs": props.string(
            "Thread Timestamp",
            "To reply in a thread, the `ts` of the thread's parent message (not of another reply), e.g. "
            "`1712345678.000100`. Leave empty to post a new message.",
            optional=True,
        ),
        "replyBroadcast": props.boolean(
            "Also Send to Channel",
            "With a thread reply: `true` also shows the reply in the channel itself.",
            optional=True,
        ),
        "unfurlLinks": props.boolean(
            "Unfurl Links",
            "`true` to show previews of links in the text, `false` to suppress them.",
            optional=True,
        ),
        "mrkdwn": props.boolean(
            "Format Text",
            "`false` sends the text literally, without applying mrkdwn formatting. Defaults to formatting on.",
            optional=True,
        ),
    },
    trim=_sent,
)
async def send_message(ctx):
    body = {"channel": ctx.props.channel, "text": ctx.props.text}
    if ctx.props.get("threadTs"):
        body["thread_ts"] = ctx.props.threadTs
    for name, field in (("replyBroadcast", "reply_broadcast"), ("unfurlLinks", "unfurl_links"), ("mrkdwn", "mrkdwn")):
        if ctx.props.get(name) is not None:
            body[field] = ctx.props[name]
    data = await call(ctx, "chat.postMessage", body=body)
    where = f"thread {body['thread_ts']} in {data.get('channel')}" if "thread_ts" in body else data.get("channel")
    ctx.summary = f"Sent a message to {where} (ts {data.get('ts')})"
    return data
