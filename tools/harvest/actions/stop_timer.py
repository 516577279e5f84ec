from ..app import api, app, entry_summary


@app.action(
    "stop-timer",
    title="Stop Timer",
    description=(
        "Stop a running timer; its time entry keeps the hours tracked. Find the running entry with "
        "harvest-list-time-entries and isRunning true. To continue it later use harvest-restart-timer."
    ),
    props={"timeEntryId": app.definition("timeEntryId")},
    idempotent=True,
    trim=entry_summary,
)
async def stop_timer(ctx):
    entry = await api(ctx, "PATCH", f"/time_entries/{ctx.props.timeEntryId}/stop")
    ctx.summary = f"Stopped the timer at {entry.get('hours')} h on {(entry.get('project') or {}).get('name')}"
    return entry
