from mcp_gateway.catalog import ActionError, props

from ..app import app, call, reminder_summary


@app.action(
    "create-reminder",
    title="Create Reminder",
    description=(
        "Set a Slack reminder for the connected user: Slackbot reminds them of the text at the time given. "
        "Returns the reminder's ID. To post a message to others later, use slack-schedule-message instead; to "
        "see reminders, slack-list-reminders."
    ),
    props={
        "text": props.string("Text", "What to be reminded of, e.g. `Send the weekly report`."),
        "time": props.string(
            "Time",
            "When: a Unix time in seconds (`1767261600`), seconds from now up to a day (`3600`), or Slack's "
            "words such as `in 15 minutes`, `tomorrow at 9am` or `every Monday at 10am`.",
        ),
    },
    trim=reminder_summary,
)
async def create_reminder(ctx):
    text, when = ctx.props.text.strip(), ctx.props.time.strip()
    if not text or not when:
        raise ActionError("a reminder needs both its text and a time such as `in 15 minutes`")
    data = await call(ctx, "reminders.add", form={"text": text, "time": when})
    reminder = data.get("reminder") or {}
    ctx.summary = f"Created reminder {reminder.get('id')}: {text!r}"
    return reminder
