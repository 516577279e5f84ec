from ..app import api, app, entry_summary


@app.action(
    "stop-time-entry",
    title="Stop Timer",
    description=(
        "Stop a running time entry now; it keeps the time tracked. The running entry's ID and workspace come from "
        "toggl-get-current-time-entry."
    ),
    props={"workspaceId": app.definition("workspaceId"), "timeEntryId": app.definition("timeEntryId")},
    idempotent=True,
    trim=entry_summary,
)
async def stop_time_entry(ctx):
    path = f"/workspaces/{ctx.props.workspaceId}/time_entries/{ctx.props.timeEntryId}/stop"
    entry = await api(ctx, "PATCH", path) or {}
    ctx.summary = f"Stopped {entry.get('description') or 'the timer'} after {round((entry.get('duration') or 0) / 60)} min"
    return entry
