from mcp_gateway.catalog import ActionError, props

from ..app import app, guess_type, model_prop, read_tmp_file, request

_TEXT_FORMATS = ("text", "srt", "vtt")


@app.action(
    "create-transcription",
    title="Transcribe Audio",
    description=(
        "Transcribe speech in an audio or video file from /tmp into text (mp3, mp4, mpeg, mpga, m4a, wav, webm, "
        "up to 25 MB). Returns the transcript; with whisper-1 it can also be subtitles (srt, vtt) or JSON with "
        "timestamps. For the reverse, text to audio, use openai-create-speech."
    ),
    props={
        "filePath": props.string(
            "Audio File",
            "The file to transcribe: a path under /tmp such as `/tmp/meeting.m4a` saved by an earlier step with the "
            "same stash_id, or the `file_...` id of a file sent to the gateway.",
        ),
        "model": model_prop(
            "transcription",
            "The speech-to-text model: `gpt-4o-transcribe`, `gpt-4o-mini-transcribe` or `whisper-1` (the only one "
            "with srt, vtt and verbose_json output).",
            default="gpt-4o-mini-transcribe",
        ),
        "language": props.string(
            "Language",
            "The spoken language as an ISO-639-1 code, e.g. `en` or `de`; improves accuracy and speed.",
            optional=True,
        ),
        "prompt": props.string(
            "Prompt",
            "Text that guides the transcript: names and terms to spell right, e.g. `Acme, Kubernetes, Dr. Okafor`.",
            optional=True,
        ),
        "responseFormat": props.string(
            "Output Format",
            "`json` (default), `text`, or with whisper-1 also `srt`, `vtt` and `verbose_json` (with segments and "
            "timestamps).",
            options=["json", "text", "srt", "vtt", "verbose_json"],
            default="json",
        ),
    },
    stash="optional",
)
async def create_transcription(ctx):
    path, data = await read_tmp_file(ctx, ctx.props.filePath, "audio file")
    if len(data) > 25 * 1024 * 1024:
        raise ActionError(f"{ctx.props.filePath} is {len(data)} bytes; OpenAI transcribes files up to 25 MB")
    fmt = ctx.props.responseFormat
    form = {"model": ctx.props.model, "response_format": fmt}
    for name in ("language", "prompt"):
        if ctx.props.get(name):
            form[name] = ctx.props[name]
    response = await request(
        ctx, "POST", "/audio/transcriptions",
        data=form, files={"file": (path.name, data, guess_type(path.name, "audio/mpeg"))},
    )
    if fmt in _TEXT_FORMATS:
        result = {"text": response.text, "format": fmt}
    else:
        body = response.json()
        result = {"text": body.get("text"), "format": fmt}
        for key in ("language", "duration", "segments", "usage"):
            if body.get(key) is not None:
                result[key] = body[key]
    ctx.summary = f"Transcribed {path.name} ({len(result['text'] or '')} characters of {fmt})"
    return result
