from mcp_gateway.catalog import ActionError, props

from ..app import api, app, entry_summary


@app.action(
    "create-time-entry",
    title="Create Time Entry",
    description=(
        "Log time to a project's task on a day: give `hours` to record a finished amount, or leave hours (and the "
        "times) out to start a running timer now. Accounts set to track start and end times take startedTime and "
        "endedTime instead of hours. To stop a timer use harvest-stop-timer; to change an entry, "
        "harvest-update-time-entry."
    ),
    props={
        "projectId": app.definition("projectId"),
        "taskId": app.definition("taskId"),
        "spentDate": props.string("Date", "The day the time is for, `YYYY-MM-DD`."),
        "hours": props.string("Hours", "The time spent, as decimal hours, e.g. `1.5`; leave out to start a timer.",
                              optional=True),
        "startedTime": props.string("Start Time", "For start/end time tracking: when the work started, e.g. `8:00am`.",
                                    optional=True),
        "endedTime": props.string("End Time", "For start/end time tracking: when it ended, e.g. `9:30am`.", optional=True),
        "notes": props.string("Notes", "What was done, e.g. `Fixed the checkout bug`.", optional=True),
        "userId": props.integer("User ID", "Log the time for this user instead of yourself (administrators and managers).",
                                min=1, optional=True),
    },
    trim=entry_summary,
)
async def create_time_entry(ctx):
    body = {"project_id": ctx.props.projectId, "task_id": ctx.props.taskId, "spent_date": ctx.props.spentDate.strip()}
    if ctx.props.get("hours") not in (None, ""):
        try:
            body["hours"] = float(ctx.props.hours)
        except ValueError:
            raise ActionError(f"hours {ctx.props.hours!r} must be a decimal number such as `1.5`") from None
    for prop, field in (("startedTime", "started_time"), ("endedTime", "ended_time"), ("notes", "notes"),
                        ("userId", "user_id")):
        if ctx.props.get(prop):
            body[field] = ctx.props[prop]
    entry = await api(ctx, "POST", "/time_entries", json=body)
    project = (entry.get("project") or {}).get("name")
    ctx.summary = (f"Started a timer on {project}" if entry.get("is_running")
                   else f"Logged {entry.get('hours')} h on {project} for {entry.get('spent_date')}")
    return entry
