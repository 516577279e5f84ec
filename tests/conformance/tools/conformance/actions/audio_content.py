from ..app import SILENT_WAV, app, fixture


@app.action(
    "audio-content",
    title="Audio Content",
    description=fixture("tools-call-audio", "Returns a few samples of silence as WAV audio."),
    tool_name="test_audio_content",
    read_only=True,
)
async def audio_content(ctx):
    ctx.add_content({"type": "audio", "data": SILENT_WAV, "mimeType": "audio/wav"})
    return "A short silent WAV follows."
