from ..app import app, call


@app.action(
    "delete-reminder",
    title="Delete Reminder",
    description=(
        "Delete one of the connected user's Slack reminders so it no longer fires (a recurring one stops for "
        "good). Find its ID with slack-list-reminders."
    ),
    props={"reminder": app.definition("reminder")},
    destructive=True,
    idempotent=True,
)
async def delete_reminder(ctx):
    await call(ctx, "reminders.delete", form={"reminder": ctx.props.reminder})
    ctx.summary = f"Deleted reminder {ctx.props.reminder}"
    return {"reminder": ctx.props.reminder, "deleted": True}
