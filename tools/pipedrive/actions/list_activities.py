from mcp_gateway.catalog import props, within

from ..app import activity_summary, app, body_of, collect


@app.action(
    "list-activities",
    title="List Activities",
    description=(
        "List Pipedrive activities (calls, meetings, tasks...), optionally only those of one deal, person, "
        "organization or owner, or changed in a time range, with their due dates and whether they are done. To add "
        "one use pipedrive-create-activity."
    ),
    props={
        "dealId": app.definition("dealId", optional=True, description="Only activities of this deal (its ID)."),
        "personId": app.definition("personId", description="Only activities of this person (their ID)."),
        "orgId": app.definition("orgId", description="Only activities of this organization (its ID)."),
        "ownerId": app.definition("ownerId", description="Only activities assigned to this Pipedrive user (their ID)."),
        "updatedSince": props.string("Updated Since", "Only activities changed at or after this RFC 3339 time, e.g. "
                                     "`2026-12-01T00:00:00Z`.", optional=True),
        "updatedUntil": props.string("Updated Until", "Only activities changed before this RFC 3339 time.", optional=True),
        "sortBy": props.string("Sort By", "`id` (the default), `update_time`, `add_time` or `due_date`.",
                               options=["id", "update_time", "add_time", "due_date"], optional=True),
        "sortDirection": props.string("Sort Direction", "`asc` (the default) or `desc`.", options=["asc", "desc"], optional=True),
        "limit": props.limit("activities"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("activities", activity_summary),
)
async def list_activities(ctx):
    params = body_of(ctx, {"dealId": "deal_id", "personId": "person_id", "orgId": "org_id", "ownerId": "owner_id",
                           "updatedSince": "updated_since", "updatedUntil": "updated_until", "sortBy": "sort_by",
                           "sortDirection": "sort_direction"})
    activities, token = await collect(ctx, "/v2/activities", limit=ctx.props.limit, cursor=ctx.props.get("cursor"),
                                      params=params)
    ctx.summary = f"Listed {len(activities)} activit{'ies' if len(activities) != 1 else 'y'}"
    return {"activities": activities, "next_cursor": token}
