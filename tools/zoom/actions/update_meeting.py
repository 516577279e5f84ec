from mcp_gateway.catalog import ActionError, props

from ..app import api, app, meeting_path


@app.action(
    "update-meeting",
    title="Update Meeting",
    description="Change a Zoom meeting's topic, time, duration or agenda; what is left empty stays. Participants keep the same join link.",
    props={
        "meetingId": app.definition("meetingId"),
        "topic": props.string("Topic", "A new title.", optional=True),
        "startTime": props.string("Start Time", "A new start, e.g. `2026-12-08T16:00:00` (with Time Zone) or UTC ending in `Z`.", optional=True),
        "durationMinutes": props.integer("Duration", "A new length in minutes.", min=1, max=1440, optional=True),
        "timezone": props.string("Time Zone", "The IANA time zone of the new start time, e.g. `Europe/Berlin`.", optional=True),
        "agenda": props.string("Agenda", "A new agenda.", optional=True),
    },
    idempotent=True,
)
async def update_meeting(ctx):
    body = {field: ctx.props[prop] for prop, field in (
        ("topic", "topic"), ("startTime", "start_time"), ("durationMinutes", "duration"), ("timezone", "timezone"),
        ("agenda", "agenda")) if ctx.props.get(prop)}
    if not body:
        raise ActionError("nothing to change: give a topic, startTime, durationMinutes, timezone or agenda")
    await api(ctx, "PATCH", meeting_path(ctx.props.meetingId), json=body)
    ctx.summary = f"Updated meeting {ctx.props.meetingId}"
    return {"meeting_id": ctx.props.meetingId, "updated": sorted(body)}
