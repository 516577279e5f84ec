from ..app import api, app, vacation_summary


@app.action(
    "get-vacation-settings",
    title="Get Vacation Responder",
    description=(
        "Read the connected Gmail account's vacation responder (out-of-office auto-reply): whether it is on, its "
        "subject and message, who gets it, and when it starts and ends (as epoch milliseconds and as UTC times). "
        "Change it with gmail-update-vacation-settings."
    ),
    props={},
    read_only=True,
    trim=vacation_summary,
)
async def get_vacation_settings(ctx):
    settings = await api(ctx, "GET", "/settings/vacation")
    ctx.summary = f"The vacation responder is {'on' if settings.get('enableAutoReply') else 'off'}"
    return settings
