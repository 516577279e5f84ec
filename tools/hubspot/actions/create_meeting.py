from mcp_gateway.catalog import ActionError, props

from ..app import activity_links, activity_summary, app, create_activity, on_records, timestamp

OUTCOMES = ["SCHEDULED", "COMPLETED", "RESCHEDULED", "NO_SHOW", "CANCELED"]


@app.action(
    "create-meeting",
    title="Log Meeting",
    description=(
        "Record a meeting in HubSpot on contacts, companies, deals and/or tickets: title, start and end, location, "
        "agenda or notes and outcome. It shows on the records' timelines but sends no calendar invitation. For a "
        "phone call use Log Call. Returns the meeting's ID."
    ),
    props={
        "title": props.string("Title", "The meeting's name, e.g. `Quarterly review`."),
        "startTime": props.string("Start", "When it starts, e.g. `2025-05-02T14:00:00Z`."),
        "endTime": props.string("End", "When it ends, e.g. `2025-05-02T15:00:00Z`.", optional=True),
        "body": props.string("Description", "The agenda or what was discussed, visible to attendees.", optional=True),
        "internalNotes": props.string("Internal Notes", "Notes only the team sees.", optional=True),
        "location": props.string("Location", "Where it takes place, e.g. `Zoom` or an address.", optional=True),
        "meetingUrl": props.string("Meeting Link", "A video call URL, e.g. `https://zoom.us/j/123`.", optional=True),
        "outcome": props.string("Outcome", "`SCHEDULED` for a future meeting, `COMPLETED`, `NO_SHOW`...", options=OUTCOMES, optional=True),
        "owner": app.definition("owner", description="The ID of the HubSpot user who owns the meeting."),
        **activity_links("meetings", "with"),
    },
    trim=activity_summary,
)
async def create_meeting(ctx):
    title = str(ctx.props.title).strip()
    if not title:
        raise ActionError("the meeting needs a title")
    start = timestamp(ctx.props.startTime, "startTime")
    properties = {"hs_timestamp": start, "hs_meeting_title": title, "hs_meeting_start_time": start}
    if ctx.props.get("endTime"):
        properties["hs_meeting_end_time"] = timestamp(ctx.props.endTime, "endTime")
    for prop, name in (("body", "hs_meeting_body"), ("internalNotes", "hs_internal_meeting_notes"),
                       ("location", "hs_meeting_location"), ("meetingUrl", "hs_meeting_external_url"),
                       ("outcome", "hs_meeting_outcome")):
        if ctx.props.get(prop):
            properties[name] = ctx.props[prop]
    meeting, links = await create_activity(ctx, "meetings", properties)
    ctx.summary = f"Logged meeting {meeting.get('id')} ({title}) at {start}" + (f" with {on_records(links)}" if links else "")
    return meeting
