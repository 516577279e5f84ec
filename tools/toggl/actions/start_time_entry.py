from datetime import datetime, timezone

from ..app import CREATED_WITH, api, app, entry_fields, entry_props, entry_summary


@app.action(
    "start-time-entry",
    title="Start Timer",
    description=(
        "Start the timer now on a new time entry, with an optional description, project and tags (Toggl stops a "
        "timer already running). To record time already spent use toggl-create-time-entry; to stop the timer, "
        "toggl-stop-time-entry."
    ),
    props=entry_props(),
    trim=entry_summary,
)
async def start_time_entry(ctx):
    now = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    body = {"created_with": CREATED_WITH, "workspace_id": ctx.props.workspaceId, "start": now, "duration": -1,
            **entry_fields(ctx)}
    entry = await api(ctx, "POST", f"/workspaces/{ctx.props.workspaceId}/time_entries", json=body)
    ctx.summary = f"Started the timer on {(entry or {}).get('description') or 'a new entry'}"
    return entry
