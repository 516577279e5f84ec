from mcp_gateway.catalog import ActionError, props, within

from ..app import api, app, iso, to_ms


def _entry(entry):
    task = entry.get("task") or {}
    user = entry.get("user") or {}
    duration = entry.get("duration")
    return {
        "id": entry.get("id"),
        "task": {"id": task.get("id"), "name": task.get("name")} if task else None,
        "user": {"id": user.get("id"), "username": user.get("username"), "email": user.get("email")},
        "description": entry.get("description") or None,
        "start": iso(entry.get("start")),
        "end": iso(entry.get("end")),
        # A running timer has a negative duration.
        "duration_minutes": round(int(duration) / 60000, 1) if str(duration or "").lstrip("-").isdigit() else None,
        "billable": entry.get("billable"),
        "tags": [t.get("name") for t in entry.get("tags") or []],
        "task_url": entry.get("task_url"),
    }


@app.action(
    "list-time-entries",
    title="List Time Entries",
    description=(
        "List time tracked in a ClickUp workspace within a date range (ClickUp's default: the last 30 days), for the "
        "connected user unless other assignees are named, optionally for one task, list, folder or space. Durations "
        "come back in minutes."
    ),
    props={
        "workspaceId": app.definition("workspaceId"),
        "startDate": props.string("From", "Entries starting on or after this day or time, e.g. `2026-12-01`.",
                                  optional=True),
        "endDate": props.string("Until", "Entries starting before this day or time, e.g. `2026-12-08`.", optional=True),
        "assignees": props.string_list("Assignees", "User IDs whose time to list (workspace owners and admins only); "
                                       "empty: the connected user's.", optional=True),
        "taskId": props.string("Task", "Only time on this task ID.", optional=True),
        "listId": props.string("List", "Only time on tasks of this list ID.", optional=True),
        "folderId": props.string("Folder", "Only time on tasks of this folder ID.", optional=True),
        "spaceId": props.string("Space", "Only time on tasks of this space ID.", optional=True),
        "limit": props.limit("time entries"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("time_entries", _entry),
)
async def list_time_entries(ctx):
    scopes = [name for name in ("taskId", "listId", "folderId", "spaceId") if ctx.props.get(name)]
    if len(scopes) > 1:
        raise ActionError(f"give only one of taskId, listId, folderId and spaceId, not {' and '.join(scopes)}")
    params = {}
    for prop, field in (("startDate", "start_date"), ("endDate", "end_date")):
        if ctx.props.get(prop):
            params[field] = to_ms(ctx.props[prop], prop)
    if ctx.props.get("assignees"):
        params["assignee"] = ",".join(str(a) for a in ctx.props.assignees)
    for prop, field in (("taskId", "task_id"), ("listId", "list_id"), ("folderId", "folder_id"), ("spaceId", "space_id")):
        if ctx.props.get(prop):
            params[field] = ctx.props[prop]
    cursor = ctx.props.get("cursor")
    if cursor and not str(cursor).isdigit():
        raise ActionError(f"cursor {cursor!r} is not one this action returned; pass a `next_cursor` unchanged")
    # ClickUp returns the whole range at once; the cursor is a position in it.
    offset = int(cursor or 0)
    entries = (await api(ctx, "GET", f"/team/{ctx.props.workspaceId}/time_entries", params=params)).get("data") or []
    shown = entries[offset: offset + ctx.props.limit]
    following = offset + len(shown)
    ctx.summary = f"Listed {len(shown)} of {len(entries)} time entr{'ies' if len(entries) != 1 else 'y'}"
    return {"time_entries": shown, "total": len(entries),
            "next_cursor": str(following) if following < len(entries) else None}
