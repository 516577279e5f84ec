from datetime import datetime

from mcp_gateway.catalog import ActionError, props

from ..app import app, call, message_summary


def _post_at(value):
    """A Unix time in seconds, from seconds or an ISO 8601 date-time with its offset."""
    text = str(value).strip()
    if text.isdigit():
        return text
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        moment = None
    if moment is None or moment.tzinfo is None:
        raise ActionError(
            f"postAt {value!r} must be a Unix time in seconds (e.g. `1767261600`) or an ISO 8601 date-time with "
            "its offset (e.g. `2026-01-01T09:00:00Z`)"
        )
    return str(int(moment.timestamp()))


def _scheduled(data):
    return {
        "channel": data.get("channel"),
        "scheduled_message_id": data.get("scheduled_message_id"),
        "post_at": data.get("post_at"),
        "message": message_summary(data.get("message") or {}),
    }


@app.action(
    "schedule-message",
    title="Send Message Later",
    description=(
        "Schedule a Slack message to be posted as the connected user at a later time (up to 120 days ahead), in "
        "a channel, direct message or thread. Returns its `scheduled_message_id`, with which "
        "slack-delete-scheduled-message cancels it. To post right away, use slack-send-message; for a personal "
        "nudge, slack-create-reminder."
    ),
    props={
        "channel": app.definition("conversation"),
        "text": props.string("Text", "The message, in Slack's mrkdwn, e.g. `Standup in 5 minutes <!here>`."),
        "postAt": props.string(
            "Post At",
            "When to post: a Unix time in seconds such as `1767261600`, or an ISO 8601 date-time with its offset "
            "such as `2026-01-01T09:00:00+01:00`. Must be in the future.",
        ),
        "threadTs": props.string(
            "Thread Timestamp",
            "To post as a thread reply, the `ts` of the thread's parent message, e.g. `1712345678.000100`.",
            optional=True,
        ),
        "replyBroadcast": props.boolean(
            "Also Send to Channel", "With a thread reply: `true` also shows it in the channel.", optional=True
        ),
    },
    trim=_scheduled,
)
async def schedule_message(ctx):
    form = {"channel": ctx.props.channel, "text": ctx.props.text, "post_at": _post_at(ctx.props.postAt)}
    if ctx.props.get("threadTs"):
        form["thread_ts"] = ctx.props.threadTs
    if ctx.props.get("replyBroadcast") is not None:
        form["reply_broadcast"] = str(ctx.props.replyBroadcast).lower()
    data = await call(ctx, "chat.scheduleMessage", form=form)
    ctx.summary = (
        f"Scheduled message {data.get('scheduled_message_id')} for {data.get('channel')} at {data.get('post_at')}"
    )
    return data
