from mcp_gateway.catalog import props, within

from ..app import app, collect, entry_summary


@app.action(
    "list-time-entries",
    title="List Time Entries",
    description=(
        "List time entries, newest first, by date range, project, task, client, user or whether a timer is running. "
        "Members see their own entries; administrators and managers see everyone's. To find a running timer to stop, "
        "set isRunning."
    ),
    props={
        "from": props.string("From", "Only entries on or after this day, `YYYY-MM-DD`.", optional=True),
        "to": props.string("To", "Only entries on or before this day, `YYYY-MM-DD`.", optional=True),
        "projectId": app.definition("projectId", optional=True),
        "taskId": app.definition("taskId", optional=True),
        "clientId": props.integer("Client ID", "Only entries for this client's projects: the `client.id` of a project.",
                                  min=1, optional=True),
        "userId": props.integer("User ID", "Only this user's entries (the `id` from harvest-get-current-user for yours).",
                                min=1, optional=True),
        "isRunning": props.boolean("Running Only", "true: only running timers; false: only stopped entries.", optional=True),
        "isBilled": props.boolean("Billed", "true: only invoiced entries; false: only uninvoiced ones.", optional=True),
        "limit": props.limit("time entries"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("time_entries", entry_summary),
)
async def list_time_entries(ctx):
    params = {field: ctx.props[prop] for prop, field in (
        ("from", "from"), ("to", "to"), ("projectId", "project_id"), ("taskId", "task_id"), ("clientId", "client_id"),
        ("userId", "user_id")) if ctx.props.get(prop)}
    for prop, field in (("isRunning", "is_running"), ("isBilled", "is_billed")):
        if ctx.props.get(prop) is not None:
            params[field] = str(bool(ctx.props[prop])).lower()
    entries, total, following = await collect(ctx, "/time_entries", "time_entries", limit=ctx.props.limit,
                                              cursor=ctx.props.get("cursor"), params=params)
    hours = round(sum(e.get("hours") or 0 for e in entries), 2)
    ctx.summary = f"Listed {len(entries)} of {total} time entries ({hours} h)"
    return {"time_entries": entries, "total": total, "next_cursor": following}
