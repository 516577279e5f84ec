from mcp_gateway.catalog import ActionError, props

from ..app import activity_links, activity_summary, app, create_activity, on_records, timestamp

STATUSES = ["COMPLETED", "BUSY", "NO_ANSWER", "FAILED", "CANCELED", "IN_PROGRESS", "QUEUED", "RINGING", "CONNECTING",
            "CALLING_CRM_USER"]


@app.action(
    "create-call",
    title="Log Call",
    description=(
        "Log a phone call in HubSpot on contacts, companies, deals and/or tickets: its title, notes, direction, "
        "outcome status, duration and numbers. It shows on each linked record's timeline. To plan a future call "
        "use Create Task with taskType `CALL`; for other notes use Create Note. Returns the call's ID."
    ),
    props={
        "title": props.string("Title", "What the call was, e.g. `Renewal check-in`.", optional=True),
        "body": props.string("Notes", "What was said; simple HTML is kept.", optional=True),
        "timestamp": props.string(
            "Time", "When the call took place, e.g. `2025-05-01T15:00:00Z`. Defaults to now.", optional=True,
        ),
        "direction": props.string("Direction", "`OUTBOUND` (you called) or `INBOUND`.", options=["OUTBOUND", "INBOUND"], optional=True),
        "status": props.string("Status", "How the call went; `COMPLETED` by default.", options=STATUSES, optional=True),
        "durationSeconds": props.integer("Duration (s)", "How long the call lasted, in seconds, e.g. `300`.", min=0, optional=True),
        "fromNumber": props.string("From Number", "The caller's phone number, e.g. `+1 617 555 0100`.", optional=True),
        "toNumber": props.string("To Number", "The number called, e.g. `+44 20 7946 0000`.", optional=True),
        "recordingUrl": props.string("Recording URL", "An HTTPS link to the call's recording (.mp3 or .wav).", optional=True),
        "owner": app.definition("owner", description="The ID of the HubSpot user who made or took the call."),
        **activity_links("calls"),
    },
    trim=activity_summary,
)
async def create_call(ctx):
    if not (ctx.props.get("title") or ctx.props.get("body")):
        raise ActionError("give the call a title or notes")
    properties = {
        "hs_timestamp": timestamp(ctx.props.get("timestamp"), "timestamp"),
        "hs_call_status": ctx.props.get("status") or "COMPLETED",
    }
    for prop, name in (("title", "hs_call_title"), ("body", "hs_call_body"), ("direction", "hs_call_direction"),
                       ("fromNumber", "hs_call_from_number"), ("toNumber", "hs_call_to_number"),
                       ("recordingUrl", "hs_call_recording_url")):
        if ctx.props.get(prop):
            properties[name] = str(ctx.props[prop])
    if ctx.props.get("durationSeconds") is not None:
        properties["hs_call_duration"] = str(ctx.props.durationSeconds * 1000)  # HubSpot keeps milliseconds
    call, links = await create_activity(ctx, "calls", properties)
    ctx.summary = f"Logged call {call.get('id')}" + (f" on {on_records(links)}" if links else "")
    return call
