from mcp_gateway.catalog import ActionError, props

from ..app import api, app, guess_type, read_audio


def _transcript(result):
    words = result.get("words") or []
    speakers = sorted({w.get("speaker_id") for w in words if w.get("speaker_id")})
    return {
        "text": result.get("text"),
        "language_code": result.get("language_code"),
        "language_probability": result.get("language_probability"),
        "audio_duration_secs": result.get("audio_duration_secs"),
        "transcription_id": result.get("transcription_id"),
        **({"speakers": speakers} if speakers else {}),
    }


@app.action(
    "speech-to-text",
    title="Transcribe Audio",
    description=(
        "Transcribe speech in an audio or video file, from /tmp or a URL (including YouTube and TikTok links), with "
        "ElevenLabs Scribe. Returns the text and the detected language; with diarize, the speakers too (the words "
        "with their timing and speaker come with fullResponse)."
    ),
    props={
        "filePath": props.string(
            "Audio File", "A file under /tmp such as `/tmp/call.m4a`, saved by an earlier step with the same stash_id. "
            "Give this or sourceUrl.", optional=True),
        "sourceUrl": props.string("Audio URL", "The URL of an audio or video file, e.g. `https://example.com/talk.mp3`.",
                                  optional=True),
        "modelId": props.string("Model", "`scribe_v2` (newest) or `scribe_v1`.", options=["scribe_v2", "scribe_v1"],
                                default="scribe_v2"),
        "languageCode": props.string("Language", "The spoken language as an ISO 639-1 or 639-3 code, e.g. `en`; detected if empty.",
                                     optional=True),
        "diarize": props.boolean("Identify Speakers", "Mark which speaker says each word.", optional=True),
        "numSpeakers": props.integer("Number of Speakers", "The most speakers there may be (up to 32); helps diarization.",
                                     min=1, max=32, optional=True),
        "tagAudioEvents": props.boolean("Tag Audio Events", "Mark sounds such as (laughter) in the text (on by default).",
                                        optional=True),
    },
    stash="optional",
    trim=_transcript,
)
async def speech_to_text(ctx):
    if bool(ctx.props.get("filePath")) == bool(ctx.props.get("sourceUrl")):
        raise ActionError("give either filePath (a file in /tmp) or sourceUrl, not both")
    form = {"model_id": ctx.props.modelId}
    if ctx.props.get("sourceUrl"):
        form["source_url"] = ctx.props.sourceUrl
    if ctx.props.get("languageCode"):
        form["language_code"] = ctx.props.languageCode
    for prop, field in (("diarize", "diarize"), ("tagAudioEvents", "tag_audio_events")):
        if ctx.props.get(prop) is not None:
            form[field] = "true" if ctx.props[prop] else "false"
    if ctx.props.get("numSpeakers"):
        form["num_speakers"] = str(ctx.props.numSpeakers)
    if ctx.props.get("filePath"):
        path, data = await read_audio(ctx, ctx.props.filePath)
        files = {"file": (path.name, data, guess_type(path.name))}
    else:
        # Without a file the body is still multipart, as the endpoint takes only form data.
        files = {"source_url": (None, form.pop("source_url"))}
    result = await api(ctx, "POST", "/v1/speech-to-text", data=form, files=files)
    source = ctx.props.get("filePath") or ctx.props.get("sourceUrl")
    ctx.summary = f"Transcribed {source} ({len(result.get('text') or '')} characters, {result.get('language_code')})"
    return result
