from ..app import api, app, entry_summary


@app.action(
    "get-current-time-entry",
    title="Get Running Time Entry",
    description=(
        "Read the time entry whose timer is running now, or null when none is. Stop it with toggl-stop-time-entry; "
        "start one with toggl-start-time-entry."
    ),
    read_only=True,
    trim=entry_summary,
)
async def get_current_time_entry(ctx):
    entry = await api(ctx, "GET", "/me/time_entries/current")
    ctx.summary = f"Running: {entry.get('description') or '(no description)'}" if entry else "No timer is running"
    return entry
