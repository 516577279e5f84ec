from mcp_gateway.catalog import props, within

from ..app import app, call, plural, reminder_summary


@app.action(
    "list-reminders",
    title="List Reminders",
    description=(
        "List the connected user's Slack reminders with their IDs, text, time (Unix seconds) and whether they "
        "recur or are done (`complete_ts` is set once completed). Create one with slack-create-reminder, remove "
        "one with slack-delete-reminder."
    ),
    props={
        "includeCompleted": props.boolean("Include Completed", "`true` also lists reminders already completed.", default=False),
    },
    read_only=True,
    trim=within("reminders", reminder_summary),
)
async def list_reminders(ctx):
    data = await call(ctx, "reminders.list", params={})
    reminders = data.get("reminders") or []
    if not ctx.props.includeCompleted:
        reminders = [r for r in reminders if not r.get("complete_ts")]
    ctx.summary = f"Listed {plural(len(reminders), 'reminder')}"
    return {"reminders": reminders}
