from ..app import api, app, meeting_path, meeting_summary


@app.action(
    "get-meeting",
    title="Get Meeting",
    description="Read one Zoom meeting: topic, time, duration, agenda, join link and passcode, and its `uuid` for past-meeting actions.",
    props={"meetingId": app.definition("meetingId")},
    read_only=True,
    trim=meeting_summary,
)
async def get_meeting(ctx):
    meeting = await api(ctx, "GET", meeting_path(ctx.props.meetingId))
    ctx.summary = f"Read the meeting {meeting.get('topic')!r}"
    return meeting
