from ..app import app, recording_summary, request


@app.action(
    "get-recording",
    title="Get Recording",
    description=(
        "Get one call recording by SID: its call, duration, status, price and `media_url`, where the audio is "
        "(WAV; add `.mp3` for MP3; fetching it needs the account's credentials). To find recordings by call or "
        "date, use twilio-list-recordings instead."
    ),
    props={"recordingSid": app.definition("recordingSid")},
    read_only=True,
    trim=recording_summary,
)
async def get_recording(ctx):
    recording = await request(ctx, "GET", f"/Recordings/{ctx.props.recordingSid}.json")
    ctx.summary = f"Recording {recording.get('sid')} of call {recording.get('call_sid')} is {recording.get('status')}, {recording.get('duration')} s"
    return recording
