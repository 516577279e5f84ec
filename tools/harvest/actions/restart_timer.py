from ..app import api, app, entry_summary


@app.action(
    "restart-timer",
    title="Restart Timer",
    description=(
        "Start the timer again on a stopped time entry, adding time to it (Harvest stops any other running timer). "
        "To time new work on another task, start a timer with harvest-create-time-entry instead."
    ),
    props={"timeEntryId": app.definition("timeEntryId")},
    trim=entry_summary,
)
async def restart_timer(ctx):
    entry = await api(ctx, "PATCH", f"/time_entries/{ctx.props.timeEntryId}/restart")
    ctx.summary = f"Restarted the timer on {(entry.get('project') or {}).get('name')}"
    return entry
