import json

import httpx

from mcp_gateway.runtime.engine import fetch_options, run_action

API = "https://api.elevenlabs.io"
AUTH = {"api_key": "sk_el_test_key"}
VOICE_ID = "JBFqnCBsd6RMkjVDRZzb"
ITEM_ID = "VW7YKqPnjY4h39yTbx2L"

# The directory's description of the ElevenLabs API is an early one (version 1.0): newer endpoints
# and fields are in the reference at https://elevenlabs.io/docs/api-reference.
VENDOR_EXEMPT = {
    ("POST", "/v1/text-to-speech/{voice_id}", "output_format"): "reference: Create speech, query output_format",
    ("POST", "/v1/text-to-speech/{voice_id}", "model_id"): "reference: Create speech, body model_id",
    ("POST", "/v1/text-to-speech/{voice_id}", "language_code"): "reference: Create speech, body language_code",
    ("POST", "/v1/text-to-speech/{voice_id}", "seed"): "reference: Create speech, body seed",
    ("GET", "/v2/voices"): "reference: Voices, List voices (v2, paged)",
    ("GET", "/v1/models"): "reference: Models, List models",
    ("GET", "/v1/history", "page_size"): "reference: History, List generated items",
    ("GET", "/v1/history", "start_after_history_item_id"): "reference: History, List generated items",
    ("GET", "/v1/history", "voice_id"): "reference: History, List generated items",
    ("GET", "/v1/history", "model_id"): "reference: History, List generated items",
    ("GET", "/v1/history", "search"): "reference: History, List generated items",
    ("GET", "/v1/history", "source"): "reference: History, List generated items",
    ("GET", "/v1/history/{history_item_id}"): "reference: History, Get history item",
    ("POST", "/v1/sound-generation"): "reference: Sound effects, Create sound effect",
    ("POST", "/v1/speech-to-text"): "reference: Speech to text, Create transcript",
}


def assert_request(request, method, path, *, params=None, body=None):
    assert request.method == method
    assert str(request.url.copy_with(query=None)) == f"{API}{path}"
    assert dict(request.url.params) == (params or {})
    assert request.headers["xi-api-key"] == "sk_el_test_key"
    if body is None:
        assert request.content == b""
    else:
        assert json.loads(request.content) == body


def _voice(voice_id=VOICE_ID, name="George"):
    return {"voice_id": voice_id, "name": name, "category": "premade", "description": "Warm British narrator",
            "labels": {"accent": "british", "age": "middle_aged", "gender": "male", "use_case": "narration"},
            "preview_url": f"https://storage.googleapis.com/eleven-public-prod/premade/voices/{voice_id}/preview.mp3",
            "available_for_tiers": [], "high_quality_base_model_ids": ["eleven_multilingual_v2"],
            "settings": {"stability": 0.5, "similarity_boost": 0.75, "style": 0.0, "use_speaker_boost": True, "speed": 1.0},
            "verified_languages": [{"language": "en", "model_id": "eleven_multilingual_v2", "accent": "british"}],
            "samples": None, "fine_tuning": None, "sharing": None, "is_legacy": False, "is_mixed": False}


def _item(item_id=ITEM_ID, text="Hello from the history"):
    return {"history_item_id": item_id, "request_id": "req_1", "voice_id": VOICE_ID, "model_id": "eleven_multilingual_v2",
            "voice_name": "George", "voice_category": "premade", "text": text, "date_unix": 1714650306,
            "character_count_change_from": 17231, "character_count_change_to": 17253, "content_type": "audio/mpeg",
            "state": "created", "settings": {"similarity_boost": 0.5, "stability": 0.71}, "source": "TTS",
            "output_format": "mp3_44100_128"}


async def test_text_to_speech_saves_the_audio_under_tmp(catalog, respx_mock, tmp_path):
    route = respx_mock.post(f"{API}/v1/text-to-speech/{VOICE_ID}").mock(return_value=httpx.Response(
        200, content=b"ID3-mp3-bytes", headers={"content-type": "audio/mpeg", "request-id": "r-123"}))
    result = await run_action(catalog.action("elevenlabs-text-to-speech"), {
        "voiceId": VOICE_ID, "text": "The first move is what sets everything in motion.", "modelId": "eleven_flash_v2_5",
        "languageCode": "en", "stability": 0.4, "speed": 1.1, "seed": 7, "filePath": "/tmp/intro.mp3"}, auth=AUTH,
        tmp_dir=tmp_path)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "POST", f"/v1/text-to-speech/{VOICE_ID}", params={"output_format": "mp3_44100_128"},
                   body={"text": "The first move is what sets everything in motion.", "model_id": "eleven_flash_v2_5",
                         "language_code": "en", "voice_settings": {"stability": 0.4, "speed": 1.1}, "seed": 7})
    assert result.ret == {"filePath": "/tmp/intro.mp3", "size": 13, "contentType": "audio/mpeg", "requestId": "r-123",
                          "format": "mp3_44100_128", "characters": 49}
    assert result.summary == "Saved 13 bytes of speech (mp3_44100_128) to /tmp/intro.mp3"
    assert (tmp_path / "intro.mp3").read_bytes() == b"ID3-mp3-bytes"


async def test_text_to_speech_names_the_file_by_format(catalog, respx_mock, tmp_path):
    respx_mock.post(f"{API}/v1/text-to-speech/{VOICE_ID}").mock(return_value=httpx.Response(200, content=b"RIFF"))
    result = await run_action(catalog.action("elevenlabs-text-to-speech"),
                              {"voiceId": VOICE_ID, "text": "Hi", "outputFormat": "wav_24000"}, auth=AUTH, tmp_dir=tmp_path)
    assert result.ret["filePath"] == "/tmp/speech.wav"
    assert respx_mock.calls.last.request.url.params["output_format"] == "wav_24000"


async def test_sound_effect_is_saved(catalog, respx_mock, tmp_path):
    route = respx_mock.post(f"{API}/v1/sound-generation").mock(return_value=httpx.Response(
        200, content=b"mp3", headers={"content-type": "audio/mpeg"}))
    result = await run_action(catalog.action("elevenlabs-create-sound-effect"), {
        "text": "Heavy rain on a tin roof", "durationSeconds": 5, "promptInfluence": 0.6, "loop": True}, auth=AUTH,
        tmp_dir=tmp_path)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "POST", "/v1/sound-generation", params={"output_format": "mp3_44100_128"},
                   body={"text": "Heavy rain on a tin roof", "duration_seconds": 5, "prompt_influence": 0.6, "loop": True})
    assert result.ret["filePath"] == "/tmp/sound-effect.mp3" and (tmp_path / "sound-effect.mp3").read_bytes() == b"mp3"


_TRANSCRIPT = {"language_code": "eng", "language_probability": 0.98, "text": "Hello world!", "transcription_id": "tr_1",
               "audio_duration_secs": 1.2,
               "words": [{"text": "Hello", "start": 0.0, "end": 0.5, "type": "word", "speaker_id": "speaker_0", "logprob": -0.1},
                         {"text": " ", "start": 0.5, "end": 0.5, "type": "spacing", "speaker_id": "speaker_0", "logprob": 0},
                         {"text": "world!", "start": 0.5, "end": 1.2, "type": "word", "speaker_id": "speaker_1", "logprob": -0.2}]}


async def test_speech_to_text_uploads_a_tmp_file(catalog, respx_mock, tmp_path):
    route = respx_mock.post(f"{API}/v1/speech-to-text").mock(return_value=httpx.Response(200, json=_TRANSCRIPT))
    action = catalog.action("elevenlabs-speech-to-text")
    missing = await run_action(action, {"filePath": "/tmp/none.mp3"}, auth=AUTH, tmp_dir=tmp_path)
    assert "is not a file in /tmp" in missing.error and not route.calls

    (tmp_path / "call.mp3").write_bytes(b"ID3-call")
    result = await run_action(action, {"filePath": "/tmp/call.mp3", "tagAudioEvents": False}, auth=AUTH, tmp_dir=tmp_path)
    assert result.error is None, result.error
    request = route.calls.last.request
    assert request.headers["xi-api-key"] == "sk_el_test_key" and dict(request.url.params) == {}
    content = request.content
    assert b'name="model_id"\r\n\r\nscribe_v2\r\n' in content and b'name="tag_audio_events"\r\n\r\nfalse\r\n' in content
    assert b'name="file"; filename="call.mp3"\r\nContent-Type: audio/mpeg\r\n\r\nID3-call' in content
    assert result.ret["text"] == "Hello world!" and result.summary == "Transcribed /tmp/call.mp3 (12 characters, eng)"


async def test_speech_to_text_from_a_url_sends_multipart_fields(catalog, respx_mock):
    route = respx_mock.post(f"{API}/v1/speech-to-text").mock(return_value=httpx.Response(200, json=_TRANSCRIPT))
    result = await run_action(catalog.action("elevenlabs-speech-to-text"), {
        "sourceUrl": "https://example.com/talk.mp3", "languageCode": "en", "diarize": True, "numSpeakers": 2}, auth=AUTH)
    assert result.error is None, result.error
    request = route.calls.last.request
    assert request.method == "POST" and request.headers["xi-api-key"] == "sk_el_test_key"
    assert request.headers["content-type"].startswith("multipart/form-data")
    content = request.content.decode()
    for name, value in (("model_id", "scribe_v2"), ("source_url", "https://example.com/talk.mp3"), ("language_code", "en"),
                        ("diarize", "true"), ("num_speakers", "2")):
        assert f'name="{name}"\r\n\r\n{value}\r\n' in content
    assert result.ret == {"text": "Hello world!", "language_code": "eng", "language_probability": 0.98,
                          "audio_duration_secs": 1.2, "transcription_id": "tr_1", "speakers": ["speaker_0", "speaker_1"]}


async def test_speech_to_text_needs_one_source(catalog, respx_mock):
    result = await run_action(catalog.action("elevenlabs-speech-to-text"), {}, auth=AUTH)
    assert result.error == "give either filePath (a file in /tmp) or sourceUrl, not both"


async def test_list_voices_pages_with_the_next_page_token(catalog, respx_mock):
    route = respx_mock.get(f"{API}/v2/voices").mock(side_effect=[
        httpx.Response(200, json={"voices": [_voice()], "has_more": True, "total_count": 3, "next_page_token": "p2"}),
        httpx.Response(200, json={"voices": [_voice("21m00Tcm4TlvDq8ikWAM", "Rachel")], "has_more": True, "total_count": 3,
                                  "next_page_token": "p3"}),
        httpx.Response(200, json={"voices": [_voice("AZnzlk1XvdvUeBnXmlld", "Domi")], "has_more": False, "total_count": 3,
                                  "next_page_token": None}),
    ])
    action = catalog.action("elevenlabs-list-voices")
    first = await run_action(action, {"search": "british", "category": "premade", "limit": 2}, auth=AUTH)
    assert first.error is None, first.error
    assert_request(route.calls[0].request, "GET", "/v2/voices", params={
        "search": "british", "category": "premade", "page_size": "2", "include_total_count": "true"})
    assert dict(route.calls[1].request.url.params)["next_page_token"] == "p2"
    assert first.ret["next_cursor"] == "p3" and first.ret["total"] == 3
    assert first.ret["voices"][0] == {
        "voice_id": VOICE_ID, "name": "George", "category": "premade", "description": "Warm British narrator",
        "labels": {"accent": "british", "age": "middle_aged", "gender": "male", "use_case": "narration"},
        "preview_url": f"https://storage.googleapis.com/eleven-public-prod/premade/voices/{VOICE_ID}/preview.mp3"}
    second = await run_action(action, {"limit": 2, "cursor": "p3"}, auth=AUTH)
    assert route.calls[2].request.url.params["next_page_token"] == "p3"
    assert second.ret["next_cursor"] is None and [v["name"] for v in second.ret["voices"]] == ["Domi"]


async def test_voice_options_search_and_page(catalog, respx_mock):
    route = respx_mock.get(f"{API}/v2/voices").mock(side_effect=[
        httpx.Response(200, json={"voices": [_voice()], "has_more": True, "total_count": 2, "next_page_token": "p2"}),
        httpx.Response(200, json={"voices": [_voice("21m00Tcm4TlvDq8ikWAM", "Rachel")], "has_more": False, "total_count": 2}),
    ])
    action = catalog.action("elevenlabs-text-to-speech")
    first = await fetch_options(action, "voiceId", {}, auth=AUTH, query="geo")
    assert first["options"] == [{"label": "George (premade)", "value": VOICE_ID}] and first["context"] == {"token": "p2"}
    assert dict(route.calls[0].request.url.params) == {"page_size": "100", "search": "geo"}
    second = await fetch_options(action, "voiceId", {}, auth=AUTH, page=1, prev_context=first["context"])
    assert second["options"][0]["value"] == "21m00Tcm4TlvDq8ikWAM" and second["context"] is None


async def test_get_voice_returns_its_settings_and_full_response(catalog, respx_mock):
    route = respx_mock.get(f"{API}/v1/voices/{VOICE_ID}").mock(return_value=httpx.Response(200, json=_voice()))
    result = await run_action(catalog.action("elevenlabs-get-voice"), {"voiceId": VOICE_ID}, auth=AUTH)
    assert_request(route.calls.last.request, "GET", f"/v1/voices/{VOICE_ID}")
    assert result.ret["settings"]["stability"] == 0.5 and result.ret["verified_languages"] == ["en"]
    assert "available_for_tiers" not in result.ret
    whole = await run_action(catalog.action("elevenlabs-get-voice"), {"voiceId": VOICE_ID, "fullResponse": True}, auth=AUTH)
    assert whole.ret == _voice()


_MODEL = {"model_id": "eleven_multilingual_v2", "name": "Eleven Multilingual v2", "can_be_finetuned": True,
          "can_do_text_to_speech": True, "can_do_voice_conversion": False, "can_use_style": True, "can_use_speaker_boost": True,
          "serves_pro_voices": False, "token_cost_factor": 1.0, "description": "Our most lifelike model",
          "requires_alpha_access": False, "max_characters_request_free_user": 2500,
          "max_characters_request_subscribed_user": 5000, "maximum_text_length_per_request": 10000,
          "languages": [{"language_id": "en", "name": "English"}, {"language_id": "de", "name": "German"}],
          "model_rates": {"character_cost_multiplier": 1.0}, "concurrency_group": "standard"}


async def test_list_models_and_the_model_options(catalog, respx_mock):
    sts = {**_MODEL, "model_id": "eleven_multilingual_sts_v2", "name": "Multilingual STS", "can_do_text_to_speech": False}
    route = respx_mock.get(f"{API}/v1/models").mock(return_value=httpx.Response(200, json=[_MODEL, sts]))
    result = await run_action(catalog.action("elevenlabs-list-models"), {}, auth=AUTH)
    assert_request(route.calls.last.request, "GET", "/v1/models")
    assert result.ret[0] == {"model_id": "eleven_multilingual_v2", "name": "Eleven Multilingual v2",
                             "description": "Our most lifelike model", "can_do_text_to_speech": True, "max_characters": 10000,
                             "languages": ["en", "de"]}
    options = await fetch_options(catalog.action("elevenlabs-text-to-speech"), "modelId", {}, auth=AUTH)
    assert options["options"] == [{"label": "Eleven Multilingual v2", "value": "eleven_multilingual_v2"}]


async def test_get_subscription_reports_credits_left(catalog, respx_mock):
    route = respx_mock.get(f"{API}/v1/user/subscription").mock(return_value=httpx.Response(200, json={
        "tier": "creator", "character_count": 17253, "character_limit": 100000, "max_character_limit_extension": None,
        "max_credit_limit_extension": 0, "can_extend_character_limit": False, "allowed_to_extend_character_limit": False,
        "next_character_count_reset_unix": 1738356858, "voice_slots_used": 3, "professional_voice_slots_used": 0,
        "professional_voice_slots_used_in_workspace": 0, "voice_limit": 30, "voice_add_edit_counter": 4,
        "professional_voice_limit": 1, "can_extend_voice_limit": False, "can_use_instant_voice_cloning": True,
        "can_use_professional_voice_cloning": True, "current_overage": {"amount": 0, "currency": "usd"}, "status": "active",
        "open_invoices": [], "has_open_invoices": False}))
    result = await run_action(catalog.action("elevenlabs-get-subscription"), {}, auth=AUTH)
    assert_request(route.calls.last.request, "GET", "/v1/user/subscription")
    assert result.ret["credits_left"] == 82747 and result.ret["tier"] == "creator"
    assert result.summary == "creator plan: 82747 of 100000 credits left"


async def test_list_history_pages_from_the_last_item(catalog, respx_mock):
    route = respx_mock.get(f"{API}/v1/history").mock(side_effect=[
        httpx.Response(200, json={"history": [_item(), _item("ITEM2", "Second")], "last_history_item_id": "ITEM2",
                                  "has_more": True, "scanned_until": 1714650000}),
        httpx.Response(200, json={"history": [_item("ITEM3", "Third")], "last_history_item_id": "ITEM3", "has_more": False}),
    ])
    action = catalog.action("elevenlabs-list-history")
    first = await run_action(action, {"voiceId": VOICE_ID, "source": "TTS", "limit": 2}, auth=AUTH)
    assert first.error is None, first.error
    assert_request(route.calls[0].request, "GET", "/v1/history", params={"voice_id": VOICE_ID, "source": "TTS", "page_size": "2"})
    assert first.ret["next_cursor"] == "ITEM2"
    assert first.ret["history"][0] == {
        "history_item_id": ITEM_ID, "date_unix": 1714650306, "voice_id": VOICE_ID, "voice_name": "George",
        "model_id": "eleven_multilingual_v2", "text": "Hello from the history", "source": "TTS", "state": "created",
        "content_type": "audio/mpeg", "characters": 22}
    second = await run_action(action, {"limit": 2, "cursor": "ITEM2"}, auth=AUTH)
    assert dict(route.calls[1].request.url.params) == {"page_size": "2", "start_after_history_item_id": "ITEM2"}
    assert second.ret["next_cursor"] is None


async def test_get_history_item_and_download_its_audio(catalog, respx_mock, tmp_path):
    got = respx_mock.get(f"{API}/v1/history/{ITEM_ID}").mock(return_value=httpx.Response(200, json=_item()))
    result = await run_action(catalog.action("elevenlabs-get-history-item"), {"historyItemId": ITEM_ID}, auth=AUTH)
    assert_request(got.calls.last.request, "GET", f"/v1/history/{ITEM_ID}")
    assert result.ret["text"] == "Hello from the history" and result.ret["output_format"] == "mp3_44100_128"

    audio = respx_mock.get(f"{API}/v1/history/{ITEM_ID}/audio").mock(return_value=httpx.Response(
        200, content=b"mp3-audio", headers={"content-type": "audio/mpeg"}))
    result = await run_action(catalog.action("elevenlabs-download-history-audio"), {"historyItemId": ITEM_ID}, auth=AUTH,
                              tmp_dir=tmp_path)
    assert_request(audio.calls.last.request, "GET", f"/v1/history/{ITEM_ID}/audio")
    assert result.ret == {"filePath": f"/tmp/{ITEM_ID}.mp3", "size": 9, "contentType": "audio/mpeg", "historyItemId": ITEM_ID}
    assert (tmp_path / f"{ITEM_ID}.mp3").read_bytes() == b"mp3-audio"


async def test_history_item_options(catalog, respx_mock):
    respx_mock.get(f"{API}/v1/history").mock(return_value=httpx.Response(200, json={
        "history": [_item()], "last_history_item_id": ITEM_ID, "has_more": True}))
    page = await fetch_options(catalog.action("elevenlabs-get-history-item"), "historyItemId", {}, auth=AUTH)
    assert page["options"] == [{"label": "Hello from the history (George)", "value": ITEM_ID}]
    assert page["context"] == {"after": ITEM_ID}


async def test_quota_and_rate_limit_errors_say_what_to_do(catalog, respx_mock):
    respx_mock.post(f"{API}/v1/text-to-speech/{VOICE_ID}").mock(side_effect=[
        httpx.Response(401, json={"detail": {"status": "quota_exceeded",
                                             "message": "This request exceeds your quota of 10000. You have 12 credits remaining."}}),
        httpx.Response(429, headers={"Retry-After": "4"},
                       json={"detail": {"status": "too_many_concurrent_requests", "message": "Too many concurrent requests."}}),
        httpx.Response(429, headers={"Retry-After": "9"}, json={"detail": {"status": "rate_limited", "message": "Slow down."}}),
    ])
    action = catalog.action("elevenlabs-text-to-speech")
    error = (await run_action(action, {"voiceId": VOICE_ID, "text": "Hi"}, auth=AUTH)).error
    assert "12 credits remaining" in error and "elevenlabs-get-subscription" in error
    error = (await run_action(action, {"voiceId": VOICE_ID, "text": "Hi"}, auth=AUTH)).error
    assert "concurrent requests is reached" in error
    error = (await run_action(action, {"voiceId": VOICE_ID, "text": "Hi"}, auth=AUTH)).error
    assert "rate limited by ElevenLabs; retry after 9 s" in error
