from mcp_gateway.catalog import props, within

from ..app import app, page, past_meeting_path


def _participant(p):
    return {"name": p.get("name"), "email": p.get("user_email"), "join_time": p.get("join_time"),
            "leave_time": p.get("leave_time"), "duration_seconds": p.get("duration")}


@app.action(
    "list-past-meeting-participants",
    title="List Past Meeting Participants",
    description=(
        "List who attended a Zoom meeting that has ended, with join and leave times. Needs the meeting's `uuid` (each "
        "occurrence of a recurring meeting has its own), from zoom-get-meeting or zoom-list-recordings."
    ),
    props={"meetingUuid": props.string("Meeting UUID", "The ended meeting's `uuid`, e.g. `4444AAAiAAAAAiAiAiiAii==`."),
           "limit": props.limit("participants"), "cursor": props.cursor()},
    read_only=True,
    trim=within("participants", _participant),
)
async def list_past_meeting_participants(ctx):
    people, token = await page(ctx, f"{past_meeting_path(ctx.props.meetingUuid)}/participants", "participants",
                               limit=ctx.props.limit, cursor=ctx.props.get("cursor"))
    ctx.summary = f"Listed {len(people)} participants"
    return {"participants": people, "next_cursor": token}
