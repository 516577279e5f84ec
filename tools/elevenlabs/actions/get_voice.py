from urllib.parse import quote

from ..app import api, app, voice_summary


@app.action(
    "get-voice",
    title="Get Voice",
    description=(
        "Read one ElevenLabs voice: its name, category, description, labels, preview URL and default settings "
        "(stability, similarity, style, speed). To find voices use elevenlabs-list-voices."
    ),
    props={"voiceId": app.definition("voiceId")},
    read_only=True,
    trim=lambda v: {**voice_summary(v), "settings": v.get("settings"),
                    "verified_languages": [lang.get("language") for lang in v.get("verified_languages") or []]},
)
async def get_voice(ctx):
    voice = await api(ctx, "GET", f"/v1/voices/{quote(str(ctx.props.voiceId).strip(), safe='')}")
    ctx.summary = f"Read the voice {voice.get('name')!r} ({voice.get('category')})"
    return voice
