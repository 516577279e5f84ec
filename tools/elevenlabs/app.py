"""ElevenLabs: lifelike speech from text, sound effects, transcription, and the voices, models and
generation history of an account."""

import asyncio
import mimetypes

from mcp_gateway.catalog import ActionError, App, Identity, KeyField, Keys, Option, OptionsPage, UpstreamError, props, retry_after_seconds

API = "https://api.elevenlabs.io"

# Codec, sample rate and bitrate, as ElevenLabs names its output formats.
OUTPUT_FORMATS = [
    "mp3_44100_128", "mp3_44100_192", "mp3_44100_96", "mp3_44100_64", "mp3_44100_32", "mp3_24000_48", "mp3_22050_32",
    "opus_48000_128", "opus_48000_64", "opus_48000_32", "wav_44100", "wav_24000", "wav_16000",
    "pcm_44100", "pcm_24000", "pcm_16000", "ulaw_8000", "alaw_8000",
]
_EXTENSIONS = {"mp3": "mp3", "opus": "opus", "wav": "wav", "pcm": "pcm", "ulaw": "ulaw", "alaw": "alaw"}


def _headers(auth):
    return {"xi-api-key": auth["api_key"]} if auth.get("api_key") else {}


async def _account_test(ctx):
    """The key's user (`GET /v1/user`)."""
    user = await api(ctx, "GET", "/v1/user")
    tier = (user.get("subscription") or {}).get("tier")
    name = user.get("first_name") or "ElevenLabs account"
    return Identity(name=f"{name} ({tier})" if tier else name, external_id=user.get("user_id"))


app = App(
    "elevenlabs",
    "ElevenLabs",
    "Turn text into lifelike speech and sound effects with ElevenLabs, transcribe audio, pick from the account's "
    "voices and models, check the credits left, and fetch past generations from the history.",
    auth=Keys([KeyField("api_key", "API Key", "An ElevenLabs API key, from https://elevenlabs.io/app/settings/api-keys "
                        "(give it access to the endpoints the actions use).")]),
    categories=["Artificial Intelligence"],
    featured_weight=55,
    base_url=API,
    allowed_domains=["api.elevenlabs.io"],
    auth_headers=_headers,
    test=_account_test,
)


# Errors: ElevenLabs answers `{"detail": {"status": "...", "message": "..."}}` (newer endpoints
# say `code` and `type` too), or a FastAPI list of validation errors under `detail`.

_STATUS_HINTS = {
    "quota_exceeded": "the account has too few credits left for this; check elevenlabs-get-subscription, shorten the "
                      "text, or upgrade the plan",
    "invalid_api_key": "ElevenLabs rejected the API key; the user should reconnect ElevenLabs with a valid key",
    "missing_permissions": "the API key lacks the permission for this endpoint; enable it on the key in ElevenLabs",
    "voice_not_found": "no voice has that ID in this account; pick one from elevenlabs-list-voices",
    "too_many_concurrent_requests": "the plan's limit of concurrent requests is reached; retry when earlier ones finish",
    "system_busy": "ElevenLabs is busy; retry in a few seconds",
}


def elevenlabs_error(method, path, response):
    status = response.status_code
    try:
        data = response.json()
    except ValueError:
        data = {}
    detail = data.get("detail") if isinstance(data, dict) else None
    code = None
    if isinstance(detail, dict):
        code = detail.get("status") or detail.get("code")
        message = detail.get("message") or code
    elif isinstance(detail, list):
        message = "; ".join(f"{'.'.join(str(p) for p in (e.get('loc') or [])[1:])}: {e.get('msg')}"
                            for e in detail if isinstance(e, dict))
    else:
        message = detail
    message = message or response.text[:300] or response.reason_phrase
    retry_after = retry_after_seconds(response)
    if code in _STATUS_HINTS:
        hint = _STATUS_HINTS[code]
    elif status == 429:
        hint = f"rate limited by ElevenLabs; {'retry after %g s' % retry_after if retry_after is not None else 'retry in a minute'}"
    elif status == 401:
        hint = _STATUS_HINTS["invalid_api_key"]
    elif status == 404:
        hint = "nothing has that ID in this account; look it up with the list actions"
    elif status == 422:
        hint = "fix the values named in the message"
    elif status >= 500:
        hint = "ElevenLabs had a server error; retrying later may work"
    else:
        hint = "fix the request values named in the message"
    return UpstreamError(f"ElevenLabs API error {status} on {method} {path}: {message} ({hint})",
                         status=status, retry_after=retry_after, body=response.text[:500])


async def request(ctx, method, path, **kw):
    response = await ctx.http.request(method, path, raise_for_status=False, **kw)
    if response.status_code >= 400:
        raise elevenlabs_error(method, path, response)
    return response


async def api(ctx, method, path, **kw):
    response = await request(ctx, method, path, **kw)
    return response.json() if response.content else {}


# Files under /tmp


def extension(output_format):
    return _EXTENSIONS.get(str(output_format).split("_", 1)[0], "bin")


async def save_audio(ctx, file_path, content):
    target = ctx.tmp_path(file_path)

    def write():
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)

    await asyncio.to_thread(write)


async def read_audio(ctx, file_path):
    path = ctx.tmp_path(file_path)
    try:
        data = await asyncio.to_thread(path.read_bytes)
    except (FileNotFoundError, IsADirectoryError):
        raise ActionError(f"{file_path} is not a file in /tmp; save the audio there first (same stash_id), or pass sourceUrl") from None
    if not data:
        raise ActionError(f"{file_path} is empty")
    return path, data


def guess_type(name):
    return mimetypes.guess_type(name)[0] or "application/octet-stream"


def saved(file_path, response, **extra):
    return {"filePath": file_path, "size": len(response.content), "contentType": response.headers.get("content-type"),
            **({"requestId": response.headers["request-id"]} if response.headers.get("request-id") else {}), **extra}


# Summaries


def voice_summary(voice):
    return {
        "voice_id": voice.get("voice_id"),
        "name": voice.get("name"),
        "category": voice.get("category"),
        "description": voice.get("description"),
        "labels": voice.get("labels") or {},
        "preview_url": voice.get("preview_url"),
    }


def history_summary(item):
    return {
        "history_item_id": item.get("history_item_id"),
        "date_unix": item.get("date_unix"),
        "voice_id": item.get("voice_id"),
        "voice_name": item.get("voice_name"),
        "model_id": item.get("model_id"),
        "text": item.get("text"),
        "source": item.get("source"),
        "state": item.get("state"),
        "content_type": item.get("content_type"),
        "characters": (item.get("character_count_change_to") or 0) - (item.get("character_count_change_from") or 0),
    }


def model_summary(model):
    return {
        "model_id": model.get("model_id"),
        "name": model.get("name"),
        "description": model.get("description"),
        "can_do_text_to_speech": model.get("can_do_text_to_speech"),
        "max_characters": model.get("maximum_text_length_per_request"),
        "languages": [lang.get("language_id") for lang in model.get("languages") or []],
    }


# Remote options


async def _voice_options(ctx):
    params = {"page_size": 100}
    if ctx.prev_context.get("token"):
        params["next_page_token"] = ctx.prev_context["token"]
    if ctx.query:
        params["search"] = ctx.query
    data = await api(ctx, "GET", "/v2/voices", params=params)
    options = [Option(label=f"{v.get('name')} ({v.get('category')})", value=v["voice_id"])
               for v in data.get("voices") or [] if v.get("voice_id")]
    token = data.get("next_page_token") if data.get("has_more") else None
    return OptionsPage(options=options, context={"token": token} if token else None)


async def _tts_model_options(ctx):
    models = await api(ctx, "GET", "/v1/models")
    return [Option(label=m.get("name") or m["model_id"], value=m["model_id"])
            for m in models if m.get("model_id") and m.get("can_do_text_to_speech")]


async def _history_options(ctx):
    params = {"page_size": 100}
    if ctx.prev_context.get("after"):
        params["start_after_history_item_id"] = ctx.prev_context["after"]
    data = await api(ctx, "GET", "/v1/history", params=params)
    options = [Option(label=f"{(h.get('text') or '')[:60]} ({h.get('voice_name')})", value=h["history_item_id"])
               for h in data.get("history") or [] if h.get("history_item_id")]
    after = data.get("last_history_item_id") if data.get("has_more") else None
    return OptionsPage(options=options, context={"after": after} if after else None)


app.define(
    "voiceId",
    props.string(
        "Voice",
        "The ID of a voice, e.g. `JBFqnCBsd6RMkjVDRZzb`, from elevenlabs-list-voices or the voice's ID button in the "
        "ElevenLabs Voice Library. The choices list the voices of this account (type to search).",
        options=_voice_options,
        use_query=True,
    ),
)

app.define(
    "historyItemId",
    props.string(
        "History Item",
        "The ID of a past generation, e.g. `VW7YKqPnjY4h39yTbx2L`, from elevenlabs-list-history. The choices list the "
        "newest generations.",
        options=_history_options,
    ),
)

app.define(
    "ttsModel",
    props.string(
        "Model",
        "The speech model: `eleven_multilingual_v2` (most lifelike, 29 languages), `eleven_flash_v2_5` (fastest and "
        "cheapest, 32 languages), `eleven_turbo_v2_5` or `eleven_v3` (most expressive). The choices list the models "
        "this account can use for text to speech.",
        options=_tts_model_options,
        default="eleven_multilingual_v2",
    ),
)

app.define(
    "outputFormat",
    props.string(
        "Audio Format",
        "Codec, sample rate and bitrate, e.g. `mp3_44100_128` (the default). `mp3_44100_192` needs the Creator plan, "
        "44.1 kHz PCM and WAV the Pro plan; `ulaw_8000` suits Twilio.",
        options=OUTPUT_FORMATS,
        default="mp3_44100_128",
    ),
)

app.define(
    "filePath",
    props.string(
        "File Path",
        "Where to save the audio under /tmp, e.g. `/tmp/welcome.mp3`. Defaults to a name of the action's choosing in /tmp.",
        optional=True,
    ),
)
