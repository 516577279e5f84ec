from mcp_gateway.catalog import props

from ..app import app, model_prop, request, save_tmp_file

_VOICES = ["alloy", "ash", "ballad", "coral", "echo", "fable", "onyx", "nova", "sage", "shimmer", "verse", "marin", "cedar"]
_FORMATS = ["mp3", "opus", "aac", "flac", "wav", "pcm"]


@app.action(
    "create-speech",
    title="Text to Speech",
    description=(
        "Turn text into spoken audio with an OpenAI voice and save the audio file under /tmp, where later steps "
        "can use it (send it, upload it). Returns the saved path and size. For the reverse, audio to text, use "
        "openai-create-transcription."
    ),
    props={
        "input": props.string("Text", "The text to speak, up to 4096 characters."),
        "voice": props.string(
            "Voice",
            "The voice, e.g. `alloy` (neutral), `coral` (warm), `onyx` (deep). `ballad`, `verse`, `marin` and `cedar` "
            "need gpt-4o-mini-tts.",
            options=_VOICES,
            default="alloy",
        ),
        "model": model_prop(
            "speech",
            "The speech model: `gpt-4o-mini-tts` (follows instructions), `tts-1` (fast) or `tts-1-hd` (higher quality).",
            default="gpt-4o-mini-tts",
        ),
        "instructions": props.string(
            "Voice Instructions",
            "How to speak, e.g. `Speak slowly in a calm, friendly tone`. Only gpt-4o-mini-tts follows them.",
            optional=True,
        ),
        "responseFormat": props.string(
            "Audio Format", "The audio file format.", options=_FORMATS, default="mp3",
        ),
        "speed": props.any_value(
            "Speed",
            "Playback speed from 0.25 to 4.0; `1.0` is normal.",
            optional=True,
            json_schema={"type": "number", "minimum": 0.25, "maximum": 4},
        ),
        "filePath": props.string(
            "File Path",
            "Where to save the audio under /tmp, e.g. `/tmp/welcome.mp3`. Defaults to `/tmp/speech.<format>`.",
            optional=True,
        ),
    },
    stash="optional",
)
async def create_speech(ctx):
    fmt = ctx.props.responseFormat
    body = {"model": ctx.props.model, "input": ctx.props.input, "voice": ctx.props.voice, "response_format": fmt}
    if ctx.props.get("instructions"):
        body["instructions"] = ctx.props.instructions
    if ctx.props.get("speed") is not None:
        body["speed"] = ctx.props.speed
    response = await request(ctx, "POST", "/audio/speech", json=body)
    path = ctx.props.get("filePath") or f"/tmp/speech.{fmt}"
    await save_tmp_file(ctx, path, response.content)
    size = len(response.content)
    ctx.summary = f"Saved {size} bytes of {fmt} speech ({ctx.props.voice}) to {path}"
    return {"filePath": path, "size": size, "format": fmt, "contentType": response.headers.get("content-type")}
