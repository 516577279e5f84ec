from mcp_gateway.catalog import ActionError, props

from ..app import api, app, entry_summary


@app.action(
    "update-time-entry",
    title="Update Time Entry",
    description=(
        "Change some fields of a time entry: its hours, notes, day, project or task; fields left out stay as they are. "
        "Locked (approved or invoiced) entries cannot change. To stop or restart its timer use harvest-stop-timer or "
        "harvest-restart-timer."
    ),
    props={
        "timeEntryId": app.definition("timeEntryId"),
        "projectId": app.definition("projectId", optional=True),
        "taskId": app.definition("taskId", optional=True),
        "spentDate": props.string("Date", "A new day, `YYYY-MM-DD`.", optional=True),
        "hours": props.string("Hours", "New decimal hours, e.g. `2.25`.", optional=True),
        "startedTime": props.string("Start Time", "A new start time, e.g. `8:00am` (start/end time tracking).", optional=True),
        "endedTime": props.string("End Time", "A new end time, e.g. `5:00pm` (start/end time tracking).", optional=True),
        "notes": props.string("Notes", "New notes; they replace the old ones.", optional=True),
    },
    idempotent=True,
    trim=entry_summary,
)
async def update_time_entry(ctx):
    body = {field: ctx.props[prop] for prop, field in (
        ("projectId", "project_id"), ("taskId", "task_id"), ("spentDate", "spent_date"), ("startedTime", "started_time"),
        ("endedTime", "ended_time"), ("notes", "notes")) if ctx.props.get(prop) is not None}
    if ctx.props.get("hours") not in (None, ""):
        try:
            body["hours"] = float(ctx.props.hours)
        except ValueError:
            raise ActionError(f"hours {ctx.props.hours!r} must be a decimal number such as `1.5`") from None
    if not body:
        raise ActionError("give at least one field to change: projectId, taskId, spentDate, hours, startedTime, "
                          "endedTime or notes")
    entry = await api(ctx, "PATCH", f"/time_entries/{ctx.props.timeEntryId}", json=body)
    ctx.summary = f"Updated the time entry {entry.get('id')} ({entry.get('hours')} h)"
    return entry
