from mcp_gateway.catalog import props

from ..app import api, app, meeting_path


@app.action(
    "add-meeting-registrant",
    title="Add Meeting Registrant",
    description=(
        "Register someone for a Zoom meeting that has registration turned on; they get their own join link (returned, "
        "and emailed by Zoom)."
    ),
    props={
        "meetingId": app.definition("meetingId"),
        "email": props.string("Email", "The registrant's email address."),
        "firstName": props.string("First Name", "The registrant's first name."),
        "lastName": props.string("Last Name", "The registrant's last name.", optional=True),
    },
    trim=lambda r: {"registrant_id": r.get("registrant_id"), "join_url": r.get("join_url"), "topic": r.get("topic"),
                    "start_time": r.get("start_time")},
)
async def add_meeting_registrant(ctx):
    body = {"email": ctx.props.email, "first_name": ctx.props.firstName}
    if ctx.props.get("lastName"):
        body["last_name"] = ctx.props.lastName
    registrant = await api(ctx, "POST", f"{meeting_path(ctx.props.meetingId)}/registrants", json=body)
    ctx.summary = f"Registered {ctx.props.email}"
    return registrant
