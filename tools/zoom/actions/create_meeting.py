from mcp_gateway.catalog import props

from ..app import api, app, meeting_summary


@app.action(
    "create-meeting",
    title="Create Meeting",
    description=(
        "Schedule a Zoom meeting for the connected user at a time, or an instant one with no time. Returns its join "
        "link and passcode to share. To put it in a calendar too, create the calendar event with the join link."
    ),
    props={
        "topic": props.string("Topic", "The meeting's title, e.g. `Quarterly planning`."),
        "startTime": props.string(
            "Start Time", "When it starts, e.g. `2026-12-08T15:00:00` with the Time Zone below, or in UTC ending in `Z`. "
            "Leave empty for an instant meeting.", optional=True),
        "durationMinutes": props.integer("Duration", "Planned length in minutes (default 30).", min=1, max=1440, optional=True, default=30),
        "timezone": props.string("Time Zone", "The start time's IANA time zone, e.g. `Europe/Berlin`; the user's own if empty.", optional=True),
        "agenda": props.string("Agenda", "What the meeting is about (up to 2,000 characters).", optional=True),
        "waitingRoom": props.boolean("Waiting Room", "Admit participants from a waiting room.", optional=True),
        "joinBeforeHost": props.boolean("Join Before Host", "Let participants join before the host.", optional=True),
        "autoRecording": props.string("Auto Recording", "Record automatically: `cloud`, `local` or `none`.",
                                      options=["cloud", "local", "none"], optional=True),
    },
    trim=meeting_summary,
)
async def create_meeting(ctx):
    body = {"topic": ctx.props.topic, "type": 2 if ctx.props.get("startTime") else 1,
            "duration": ctx.props.get("durationMinutes") or 30}
    for prop, field in (("startTime", "start_time"), ("timezone", "timezone"), ("agenda", "agenda")):
        if ctx.props.get(prop):
            body[field] = ctx.props[prop]
    settings = {field: ctx.props[prop] for prop, field in (
        ("waitingRoom", "waiting_room"), ("joinBeforeHost", "join_before_host"), ("autoRecording", "auto_recording"))
        if ctx.props.get(prop) is not None}
    if settings:
        body["settings"] = settings
    meeting = await api(ctx, "POST", "/users/me/meetings", json=body)
    ctx.summary = f"Scheduled {ctx.props.topic!r}: {meeting.get('join_url')}"
    return meeting
