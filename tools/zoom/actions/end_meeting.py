from ..app import api, app, meeting_path


@app.action(
    "end-meeting",
    title="End Meeting",
    description="End a Zoom meeting that is in progress, for everyone in it. The meeting stays scheduled; to remove it use zoom-delete-meeting.",
    props={"meetingId": app.definition("meetingId")},
    idempotent=True,
)
async def end_meeting(ctx):
    await api(ctx, "PUT", f"{meeting_path(ctx.props.meetingId)}/status", json={"action": "end"})
    ctx.summary = f"Ended meeting {ctx.props.meetingId}"
    return {"meeting_id": ctx.props.meetingId, "ended": True}
