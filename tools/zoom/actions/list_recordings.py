from mcp_gateway.catalog import props, within

from ..app import app, default_range, page


def _recording(meeting):
    return {"meeting_id": meeting.get("id"), "uuid": meeting.get("uuid"), "topic": meeting.get("topic"),
            "start_time": meeting.get("start_time"), "duration_minutes": meeting.get("duration"),
            "share_url": meeting.get("share_url"),
            "files": [{"type": f.get("file_type"), "recording_type": f.get("recording_type"), "size": f.get("file_size"),
                       "play_url": f.get("play_url")} for f in meeting.get("recording_files") or []]}


@app.action(
    "list-recordings",
    title="List Recordings",
    description=(
        "List the connected user's Zoom cloud recordings in a date range (the last 30 days by default; at most a month "
        "at a time), with each meeting's files. For one meeting's files and download links use zoom-get-meeting-recordings."
    ),
    props={
        "from": props.string("From", "First day, `YYYY-MM-DD`.", optional=True),
        "to": props.string("To", "Last day, `YYYY-MM-DD` (today by default).", optional=True),
        "limit": props.limit("meetings"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("meetings", _recording),
)
async def list_recordings(ctx):
    start, end = default_range(ctx.props.get("from"), ctx.props.get("to"))
    meetings, token = await page(ctx, "/users/me/recordings", "meetings", limit=ctx.props.limit, cursor=ctx.props.get("cursor"),
                                 params={"from": start, "to": end})
    ctx.summary = f"Listed recordings of {len(meetings)} meetings from {start} to {end}"
    return {"meetings": meetings, "next_cursor": token}
