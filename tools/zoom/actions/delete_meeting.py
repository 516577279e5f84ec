from mcp_gateway.catalog import props

from ..app import api, app, meeting_path


@app.action(
    "delete-meeting",
    title="Delete Meeting",
    description="Cancel and delete a Zoom meeting; its join link stops working. Optionally emails the registrants that it is cancelled.",
    props={
        "meetingId": app.definition("meetingId"),
        "notifyRegistrants": props.boolean("Notify Registrants", "Email registrants that the meeting is cancelled.", optional=True, default=False),
    },
    destructive=True,
    idempotent=True,
)
async def delete_meeting(ctx):
    params = {"cancel_meeting_reminder": "true"} if ctx.props.get("notifyRegistrants") else None
    await api(ctx, "DELETE", meeting_path(ctx.props.meetingId), params=params)
    ctx.summary = f"Deleted meeting {ctx.props.meetingId}"
    return {"meeting_id": ctx.props.meetingId, "deleted": True}
