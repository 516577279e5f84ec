from mcp_gateway.catalog import props, within

from ..app import (
    ACTIVITY_TYPES, DEFAULT_PROPERTIES, app, count_of, label, next_after, object_type, record_id, record_summary, request,
)


@app.action(
    "list-activities",
    title="List Activities",
    description=(
        "Read the notes, tasks, calls, emails or meetings logged on a HubSpot contact, company, deal or ticket, "
        "newest first within each page, with their text, times and owners. To log a new one use Create Note, "
        "Create Task, Log Call, Log Email or Log Meeting. Returns a page and a cursor for more."
    ),
    props={
        "objectType": app.definition("objectType", description=(
            "The type of the record whose activities to read: `contacts`, `companies`, `deals` or `tickets`."
        ), options=["contacts", "companies", "deals", "tickets"]),
        "objectId": app.definition("objectId"),
        "activityType": props.string(
            "Activity Type", "Which activities: `notes`, `tasks`, `calls`, `emails` or `meetings`.", options=ACTIVITY_TYPES,
        ),
        "limit": props.limit("activities"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("activities", record_summary),
)
async def list_activities(ctx):
    kind = object_type(ctx.props.objectType)
    activity = object_type(ctx.props.activityType, ACTIVITY_TYPES)
    object_id = record_id(ctx.props.objectId, label(kind))
    params = {"limit": ctx.props.limit}
    if ctx.props.get("cursor"):
        params["after"] = ctx.props.cursor
    links = await request(ctx, "GET", f"/crm/v4/objects/{kind}/{object_id}/associations/{activity}", params=params)
    ids = [str(r.get("toObjectId")) for r in links.get("results") or []]
    activities = []
    if ids:
        data = await request(ctx, "POST", f"/crm/v3/objects/{activity}/batch/read",
                             json={"inputs": [{"id": i} for i in ids], "properties": DEFAULT_PROPERTIES[activity]})
        activities = sorted(data.get("results") or [],
                            key=lambda r: str((r.get("properties") or {}).get("hs_timestamp") or ""), reverse=True)
    following = next_after(links)
    ctx.summary = f"Found {count_of(len(activities), activity)} on {label(kind)} {object_id}" + (
        " (more available)" if following else "")
    return {"activities": activities, "next_cursor": following}
