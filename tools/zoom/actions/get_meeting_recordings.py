from ..app import api, app, meeting_path


def _files(recording):
    return {"topic": recording.get("topic"), "share_url": recording.get("share_url"), "password": recording.get("password"),
            "files": [{"id": f.get("id"), "type": f.get("file_type"), "recording_type": f.get("recording_type"),
                       "start": f.get("recording_start"), "end": f.get("recording_end"), "size": f.get("file_size"),
                       "play_url": f.get("play_url"), "download_url": f.get("download_url")}
                      for f in recording.get("recording_files") or []]}


@app.action(
    "get-meeting-recordings",
    title="Get Meeting Recordings",
    description=(
        "Get a meeting's cloud recording files (video, audio, transcript, chat) with their play and download links. "
        "The download links need the user's Zoom token; share the `share_url` with people instead."
    ),
    props={"meetingId": app.definition("meetingId")},
    read_only=True,
    trim=_files,
)
async def get_meeting_recordings(ctx):
    recording = await api(ctx, "GET", f"{meeting_path(ctx.props.meetingId)}/recordings")
    ctx.summary = f"{len(recording.get('recording_files') or [])} recording files of {recording.get('topic')!r}"
    return recording
