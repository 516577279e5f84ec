from mcp_gateway.catalog import ActionError, props

from ..app import app, create_record, created_summary, datetime_value, set_if, sf_id


@app.action(
    "create-event",
    title="Create Event",
    description=(
        "Put a meeting or call on the Salesforce calendar, at a start and end time, about a contact or lead and/or "
        "a related record such as an account or opportunity. Returns the event's ID and link. For a to-do without "
        "a set time use salesforce_rest_api-create-task."
    ),
    props={
        "subject": props.string("Subject", "What the event is, e.g. `Demo with Acme`."),
        "startDateTime": props.string("Start", "When it starts, ISO 8601 with its zone, e.g. `2025-05-02T14:00:00Z`."),
        "endDateTime": props.string("End", "When it ends, ISO 8601 with its zone, e.g. `2025-05-02T15:00:00Z`."),
        "whoId": props.string(
            "Contact or Lead ID", "The contact (`003...`) or lead (`00Q...`) the event is with.", optional=True
        ),
        "whatId": props.string(
            "Related To ID", "A record the event relates to, e.g. an account (`001...`) or opportunity (`006...`).",
            optional=True,
        ),
        "location": props.string("Location", "Where it takes place, e.g. `Zoom` or `HQ, room 4`.", optional=True),
        "description": props.string("Description", "The agenda or notes.", optional=True),
        "isAllDayEvent": props.boolean(
            "All Day", "`true` for an all-day event; the times' dates are used.", optional=True
        ),
        "ownerId": props.string(
            "Assigned To", "The ID of the user (`005...`) whose calendar it goes on. Defaults to the connected user.",
            optional=True,
        ),
    },
    trim=created_summary,
)
async def create_event(ctx):
    start = datetime_value(ctx.props.startDateTime, "startDateTime")
    end = datetime_value(ctx.props.endDateTime, "endDateTime")
    if end < start and start[-1] == end[-1] == "Z":
        raise ActionError("endDateTime is before startDateTime")
    fields = {"Subject": ctx.props.subject, "StartDateTime": start, "EndDateTime": end}
    for prop in ("whoId", "whatId", "ownerId"):
        if ctx.props.get(prop):
            fields[prop[0].upper() + prop[1:]] = sf_id(ctx.props[prop], prop)
    set_if(fields, "Location", ctx.props.get("location"))
    set_if(fields, "Description", ctx.props.get("description"))
    if ctx.props.get("isAllDayEvent"):
        fields["IsAllDayEvent"] = True
    created = await create_record(ctx, "Event", fields)
    ctx.summary = f"Created event {created['id']} ({ctx.props.subject}) at {start}"
    return created
