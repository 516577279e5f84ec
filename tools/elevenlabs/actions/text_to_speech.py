from urllib.parse import quote

from mcp_gateway.catalog import ActionError, props

from ..app import app, extension, request, save_audio, saved


@app.action(
    "text-to-speech",
    title="Text to Speech",
    description=(
        "Speak text aloud in an ElevenLabs voice and save the audio file under /tmp, where later steps can send or "
        "upload it. Returns the saved path, size and content type. For non-speech sounds (footsteps, rain, a door) use "
        "elevenlabs-create-sound-effect; to find a voice ID use elevenlabs-list-voices."
    ),
    props={
        "voiceId": app.definition("voiceId"),
        "text": props.string("Text", "What to say. Models have a per-request length limit (see elevenlabs-list-models)."),
        "modelId": app.definition("ttsModel"),
        "outputFormat": app.definition("outputFormat"),
        "languageCode": props.string(
            "Language", "Force a language, as an ISO 639-1 code, e.g. `de`; only some models take it (e.g. eleven_flash_v2_5).",
            optional=True),
        "stability": props.any_value("Stability", "0 to 1: lower is more expressive, higher more even. Leave the four "
                                     "voice settings empty to use the voice's saved ones.",
                                     optional=True, json_schema={"type": "number", "minimum": 0, "maximum": 1}),
        "similarityBoost": props.any_value("Similarity", "0 to 1: how closely to keep to the original voice.",
                                           optional=True, json_schema={"type": "number", "minimum": 0, "maximum": 1}),
        "style": props.any_value("Style", "0 to 1: exaggerates the speaker's style (slower when above 0).",
                                 optional=True, json_schema={"type": "number", "minimum": 0, "maximum": 1}),
        "speed": props.any_value("Speed", "Speaking speed, 1.0 normal; from 0.7 (slower) to 1.2 (faster).",
                                 optional=True, json_schema={"type": "number", "minimum": 0.7, "maximum": 1.2}),
        "seed": props.integer("Seed", "A number to make repeated requests sound the same, as far as possible.", optional=True),
        "filePath": app.definition("filePath"),
    },
    stash="optional",
)
async def text_to_speech(ctx):
    if not str(ctx.props.text or "").strip():
        raise ActionError("give the text to speak")
    body = {"text": ctx.props.text, "model_id": ctx.props.modelId}
    if ctx.props.get("languageCode"):
        body["language_code"] = ctx.props.languageCode
    settings = {field: ctx.props[prop] for prop, field in (("stability", "stability"), ("similarityBoost", "similarity_boost"),
                                                           ("style", "style"), ("speed", "speed"))
                if ctx.props.get(prop) is not None}
    if settings:
        body["voice_settings"] = settings
    if ctx.props.get("seed") is not None:
        body["seed"] = ctx.props.seed
    fmt = ctx.props.outputFormat
    voice = str(ctx.props.voiceId).strip()
    response = await request(ctx, "POST", f"/v1/text-to-speech/{quote(voice, safe='')}", params={"output_format": fmt}, json=body)
    path = ctx.props.get("filePath") or f"/tmp/speech.{extension(fmt)}"
    await save_audio(ctx, path, response.content)
    ctx.summary = f"Saved {len(response.content)} bytes of speech ({fmt}) to {path}"
    return saved(path, response, format=fmt, characters=len(ctx.props.text))
