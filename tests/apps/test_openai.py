"""The openai app against respx mocks shaped like OpenAI's API reference."""

from __future__ import annotations

import base64
import json
from email.parser import BytesParser
from email.policy import HTTP

import httpx
import pytest

from mcp_gateway.catalog import AppHttp, Identity, UpstreamError
from mcp_gateway.catalog.context import AccountContext
from mcp_gateway.runtime.engine import fetch_options, run_action

API = "https://api.openai.com/v1"
KEY = "sk-proj-4fVq0Zc8wTtq9bKJ2mXr7T3BlbkFJa1b2c3d4"
ORG = "org-2LMrd0QiCg8dpH4vcpXa3hO3"
AUTH = {"api_key": KEY, "organization": ORG}


def assert_request(request, method, url, body=None, *, project=None):
    assert request.method == method
    assert str(request.url) == url
    assert request.headers["authorization"] == f"Bearer {KEY}"
    assert request.headers["openai-organization"] == ORG
    if project:
        assert request.headers["openai-project"] == project
    else:
        assert "openai-project" not in request.headers
    if body is not None:
        assert request.headers["content-type"] == "application/json"
        assert json.loads(request.content) == body


def multipart(request):
    """The fields of a multipart/form-data body: text values, and (filename, type, bytes) for files."""
    content_type = request.headers["content-type"]
    assert content_type.startswith("multipart/form-data; boundary=")
    message = BytesParser(policy=HTTP).parsebytes(b"Content-Type: " + content_type.encode() + b"\r\n\r\n" + request.content)
    fields = {}
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        payload = part.get_payload(decode=True)
        if part.get_filename():
            fields[name] = (part.get_filename(), part.get_content_type(), payload)
        else:
            fields[name] = payload.decode()
    return fields


def _response(text, *, model="gpt-4.1-mini-2025-04-14", status="completed", output=None, usage=None, **extra):
    message = {
        "type": "message",
        "id": "msg_67ccd2bf17f0819081ff3bb2cf6508e60bb6a6b452d3795b",
        "status": "completed",
        "role": "assistant",
        "content": [{"type": "output_text", "text": text, "annotations": []}],
    }
    return {
        "id": "resp_67ccd2bed1ec8190b14f964abc0542670bb6a6b452d3795b",
        "object": "response",
        "created_at": 1741476542,
        "status": status,
        "error": None,
        "incomplete_details": None,
        "instructions": None,
        "max_output_tokens": None,
        "model": model,
        "output": output if output is not None else [message],
        "parallel_tool_calls": True,
        "previous_response_id": None,
        "reasoning": {"effort": None, "summary": None},
        "store": True,
        "temperature": 1.0,
        "text": {"format": {"type": "text"}},
        "tool_choice": "auto",
        "tools": [],
        "top_p": 1.0,
        "truncation": "disabled",
        "usage": usage or {
            "input_tokens": 36,
            "input_tokens_details": {"cached_tokens": 0},
            "output_tokens": 87,
            "output_tokens_details": {"reasoning_tokens": 0},
            "total_tokens": 123,
        },
        "user": None,
        "metadata": {},
        **extra,
    }


def _file(file_id, filename, purpose="user_data", size=140):
    return {"id": file_id, "object": "file", "bytes": size, "created_at": 1730000000, "expires_at": None,
            "filename": filename, "purpose": purpose, "status": "processed", "status_details": None}


# Text generation


async def test_create_response_sends_every_option_and_returns_text_and_citations(catalog, respx_mock):
    output = [
        {"type": "web_search_call", "id": "ws_67c9fa0502748190b7dd390736892e100be649c1a5ff9609", "status": "completed"},
        {
            "type": "message",
            "id": "msg_67c9fa077e288190af08fdffda2e34f20be649c1a5ff9609",
            "status": "completed",
            "role": "assistant",
            "content": [{
                "type": "output_text",
                "text": "Le Louvre a accueilli 8,7 millions de visiteurs en 2024.",
                "annotations": [
                    {"type": "url_citation", "start_index": 0, "end_index": 56, "url": "https://www.louvre.fr/en/news",
                     "title": "Louvre news"},
                    {"type": "url_citation", "start_index": 0, "end_index": 56, "url": "https://www.louvre.fr/en/news",
                     "title": "Louvre news"},
                ],
            }],
        },
    ]
    route = respx_mock.post(f"{API}/responses").mock(return_value=httpx.Response(200, json=_response("", output=output)))
    result = await run_action(
        catalog.action("openai-create-response"),
        {
            "model": "gpt-4.1",
            "input": "How many people visited the Louvre last year?",
            "instructions": "Answer in French.",
            "previousResponseId": "resp_67ccd2bed1ec8190b14f964abc054267",
            "webSearch": True,
            "temperature": 0.2,
            "maxOutputTokens": 500,
        },
        auth=AUTH,
    )
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "POST", f"{API}/responses", {
        "model": "gpt-4.1",
        "input": "How many people visited the Louvre last year?",
        "instructions": "Answer in French.",
        "previous_response_id": "resp_67ccd2bed1ec8190b14f964abc054267",
        "tools": [{"type": "web_search"}],
        "temperature": 0.2,
        "max_output_tokens": 500,
    })
    assert result.ret["output_text"] == "Le Louvre a accueilli 8,7 millions de visiteurs en 2024."
    assert result.ret["citations"] == [{"url": "https://www.louvre.fr/en/news", "title": "Louvre news"}]
    assert result.ret["id"] == "resp_67ccd2bed1ec8190b14f964abc0542670bb6a6b452d3795b"
    assert result.ret["usage"]["total_tokens"] == 123
    assert result.summary == "Generated 87 tokens with gpt-4.1-mini-2025-04-14"


async def test_create_response_defaults_and_incomplete_answers(catalog, respx_mock):
    body = _response("The first three planets are Mercury, Venus and", status="incomplete",
                     incomplete_details={"reason": "max_output_tokens"})
    route = respx_mock.post(f"{API}/responses").mock(return_value=httpx.Response(200, json=body))
    result = await run_action(catalog.action("openai-create-response"), {"input": "Name the planets"}, auth=AUTH)
    assert result.error is None, result.error
    assert json.loads(route.calls.last.request.content) == {"model": "gpt-4.1-mini", "input": "Name the planets"}
    assert result.ret["status"] == "incomplete"
    assert result.ret["incomplete_details"] == {"reason": "max_output_tokens"}
    assert "citations" not in result.ret
    assert result.summary == "Generated 87 tokens with gpt-4.1-mini-2025-04-14 (incomplete: max_output_tokens)"


async def test_create_response_reports_refusals_and_failures(catalog, respx_mock):
    refused = _response("", output=[{"type": "message", "id": "msg_1", "status": "completed", "role": "assistant",
                                     "content": [{"type": "refusal", "refusal": "I can't help with that."}]}])
    failed = _response("", status="failed", output=[], error={"code": "server_error", "message": "The model failed."})
    respx_mock.post(f"{API}/responses").mock(side_effect=[httpx.Response(200, json=refused), httpx.Response(200, json=failed)])
    action = catalog.action("openai-create-response")
    first = await run_action(action, {"input": "x"}, auth=AUTH)
    assert first.error == "The model refused to answer: I can't help with that."
    second = await run_action(action, {"input": "x"}, auth=AUTH)
    assert second.error == "OpenAI could not generate a response (server_error): The model failed."


async def test_chat_completion_builds_the_conversation(catalog, respx_mock):
    route = respx_mock.post(f"{API}/chat/completions").mock(return_value=httpx.Response(200, json={
        "id": "chatcmpl-B9MHDbslfkBeAs8l4bebGdFOJ6PeG",
        "object": "chat.completion",
        "created": 1741570283,
        "model": "gpt-4o-2024-08-06",
        "choices": [{
            "index": 0,
            "message": {"role": "assistant", "content": "{\"city\": \"Paris\"}", "refusal": None, "annotations": []},
            "logprobs": None,
            "finish_reason": "stop",
        }],
        "usage": {"prompt_tokens": 42, "completion_tokens": 7, "total_tokens": 49,
                  "prompt_tokens_details": {"cached_tokens": 0, "audio_tokens": 0},
                  "completion_tokens_details": {"reasoning_tokens": 0, "audio_tokens": 0}},
        "service_tier": "default",
        "system_fingerprint": "fp_fc9f1d7035",
    }))
    result = await run_action(
        catalog.action("openai-create-chat-completion"),
        {
            "model": "gpt-4o",
            "systemMessage": "Reply in JSON.",
            "messages": [{"role": "user", "content": "I live in France."}, {"role": "assistant", "content": "Noted."}],
            "userMessage": "What is my capital?",
            "temperature": 0,
            "maxCompletionTokens": 50,
            "jsonMode": True,
        },
        auth=AUTH,
    )
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "POST", f"{API}/chat/completions", {
        "model": "gpt-4o",
        "messages": [
            {"role": "system", "content": "Reply in JSON."},
            {"role": "user", "content": "I live in France."},
            {"role": "assistant", "content": "Noted."},
            {"role": "user", "content": "What is my capital?"},
        ],
        "temperature": 0,
        "max_completion_tokens": 50,
        "response_format": {"type": "json_object"},
    })
    assert result.ret == {
        "id": "chatcmpl-B9MHDbslfkBeAs8l4bebGdFOJ6PeG",
        "model": "gpt-4o-2024-08-06",
        "content": "{\"city\": \"Paris\"}",
        "finish_reason": "stop",
        "usage": {"prompt_tokens": 42, "completion_tokens": 7, "total_tokens": 49},
    }
    assert result.summary == "Got a reply from gpt-4o-2024-08-06 (7 tokens, finish reason stop)"


async def test_chat_completion_rejects_malformed_earlier_messages(catalog, respx_mock):
    route = respx_mock.post(f"{API}/chat/completions")
    result = await run_action(
        catalog.action("openai-create-chat-completion"),
        {"userMessage": "hi", "messages": [{"role": "robot", "content": "beep"}]},
        auth=AUTH,
    )
    assert result.error.startswith("messages[0] must look like")
    assert not route.calls


async def test_summarize_text_writes_the_instructions(catalog, respx_mock):
    route = respx_mock.post(f"{API}/responses").mock(
        return_value=httpx.Response(200, json=_response("- Budget approved\n- Launch moved to May"))
    )
    result = await run_action(
        catalog.action("openai-summarize-text"),
        {"text": "Long meeting notes ...", "length": "short", "format": "bullets", "focus": "decisions",
         "language": "English"},
        auth=AUTH,
    )
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "POST", f"{API}/responses", {
        "model": "gpt-4.1-mini",
        "instructions": "Summarize the text the user gives in one or two sentences, as a bulleted list using `- `. "
        "Keep the facts, names and numbers accurate and add nothing that is not in the text. Reply with the summary "
        "only. Concentrate on: decisions. Write it in English.",
        "input": "Long meeting notes ...",
    })
    assert result.ret["summary"] == "- Budget approved\n- Launch moved to May"
    assert result.summary == "Summarized 22 characters into 39"


async def test_classify_text_asks_for_a_strict_schema(catalog, respx_mock):
    route = respx_mock.post(f"{API}/responses").mock(return_value=httpx.Response(200, json=_response(
        json.dumps({"reason": "The customer asks for money back.", "category": "billing"})
    )))
    result = await run_action(
        catalog.action("openai-classify-text"),
        {"text": "Please refund my last invoice", "categories": ["billing", "bug", "billing", "other"],
         "instructions": "Refunds are billing."},
        auth=AUTH,
    )
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "POST", f"{API}/responses", {
        "model": "gpt-4.1-mini",
        "instructions": 'Classify the text the user gives into exactly one of the categories: "billing", "bug", '
        '"other". Give the reason in one sentence. Refunds are billing.',
        "input": "Please refund my last invoice",
        "text": {"format": {"type": "json_schema", "name": "classification", "strict": True, "schema": {
            "type": "object",
            "properties": {"reason": {"type": "string"}, "category": {"type": "string", "enum": ["billing", "bug", "other"]}},
            "required": ["reason", "category"],
            "additionalProperties": False,
        }}},
    })
    assert result.ret == {"categories": ["billing"], "category": "billing", "reason": "The customer asks for money back.",
                          "model": "gpt-4.1-mini-2025-04-14"}
    assert result.summary == "Classified the text as billing"


async def test_classify_text_with_several_categories(catalog, respx_mock):
    route = respx_mock.post(f"{API}/responses").mock(return_value=httpx.Response(200, json=_response(
        json.dumps({"reason": "Mentions a crash and a price.", "categories": ["bug", "billing"]})
    )))
    result = await run_action(
        catalog.action("openai-classify-text"),
        {"text": "App crashes when I pay", "categories": ["billing", "bug"], "multiple": True},
        auth=AUTH,
    )
    assert result.error is None, result.error
    schema = json.loads(route.calls.last.request.content)["text"]["format"]["schema"]
    assert schema["properties"]["categories"] == {"type": "array", "items": {"type": "string", "enum": ["billing", "bug"]}}
    assert result.ret["categories"] == ["bug", "billing"] and "category" not in result.ret
    too_few = await run_action(catalog.action("openai-classify-text"), {"text": "x", "categories": ["a"]}, auth=AUTH)
    assert too_few.error == "give at least two different categories to choose from"


# Embeddings and moderation


async def test_create_embeddings(catalog, respx_mock):
    route = respx_mock.post(f"{API}/embeddings").mock(return_value=httpx.Response(200, json={
        "object": "list",
        "data": [
            {"object": "embedding", "index": 1, "embedding": [0.0031, -0.0154, 0.0211]},
            {"object": "embedding", "index": 0, "embedding": [0.0023, -0.0093, 0.0158]},
        ],
        "model": "text-embedding-3-small",
        "usage": {"prompt_tokens": 8, "total_tokens": 8},
    }))
    result = await run_action(
        catalog.action("openai-create-embeddings"),
        {"input": ["red running shoes", "blue rain jacket"], "dimensions": 3},
        auth=AUTH,
    )
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "POST", f"{API}/embeddings", {
        "model": "text-embedding-3-small",
        "input": ["red running shoes", "blue rain jacket"],
        "encoding_format": "float",
        "dimensions": 3,
    })
    assert result.ret["embeddings"] == [
        {"index": 0, "embedding": [0.0023, -0.0093, 0.0158]},
        {"index": 1, "embedding": [0.0031, -0.0154, 0.0211]},
    ]
    assert result.ret["usage"] == {"prompt_tokens": 8, "total_tokens": 8}
    assert result.summary == "Created 2 embeddings of 3 dimensions with text-embedding-3-small"


async def test_create_moderation_lists_the_flagged_categories(catalog, respx_mock):
    categories = {"harassment": True, "harassment/threatening": True, "hate": False, "violence": True, "sexual": False}
    scores = {"harassment": 0.81, "harassment/threatening": 0.66, "hate": 0.02, "violence": 0.93, "sexual": 0.0001}
    route = respx_mock.post(f"{API}/moderations").mock(return_value=httpx.Response(200, json={
        "id": "modr-970d409ef3bef3b70c73d8232df86e7d",
        "model": "omni-moderation-latest",
        "results": [{"flagged": True, "categories": categories, "category_scores": scores,
                     "category_applied_input_types": {"harassment": ["text"], "violence": ["text"]}}],
    }))
    result = await run_action(catalog.action("openai-create-moderation"), {"input": "I will hurt you"}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "POST", f"{API}/moderations",
                   {"model": "omni-moderation-latest", "input": "I will hurt you"})
    assert result.ret["flagged"] is True
    assert result.ret["flagged_categories"] == ["harassment", "harassment/threatening", "violence"]
    assert result.ret["category_scores"] == scores
    assert result.summary == "Flagged for harassment, harassment/threatening, violence"


# Images and audio


PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR fake image"


async def test_generate_image_saves_each_image_under_tmp(catalog, respx_mock, tmp_path):
    encoded = base64.b64encode(PNG).decode()
    route = respx_mock.post(f"{API}/images/generations").mock(return_value=httpx.Response(200, json={
        "created": 1713833628,
        "background": "transparent",
        "data": [{"b64_json": encoded}, {"b64_json": base64.b64encode(PNG + b"2").decode()}],
        "output_format": "png",
        "quality": "high",
        "size": "1024x1024",
        "usage": {"total_tokens": 100, "input_tokens": 50, "output_tokens": 50,
                  "input_tokens_details": {"text_tokens": 10, "image_tokens": 40}},
    }))
    result = await run_action(
        catalog.action("openai-generate-image"),
        {"prompt": "A watercolor lighthouse", "n": 2, "size": "1024x1024", "quality": "high", "background": "transparent",
         "outputFormat": "png", "filePath": "/tmp/art/lighthouse.png"},
        auth=AUTH,
        tmp_dir=tmp_path,
    )
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "POST", f"{API}/images/generations", {
        "model": "gpt-image-1", "prompt": "A watercolor lighthouse", "n": 2, "size": "1024x1024", "quality": "high",
        "background": "transparent", "output_format": "png",
    })
    assert (tmp_path / "art" / "lighthouse-1.png").read_bytes() == PNG
    assert (tmp_path / "art" / "lighthouse-2.png").read_bytes() == PNG + b"2"
    assert result.ret["files"] == [
        {"filePath": "/tmp/art/lighthouse-1.png", "size": len(PNG)},
        {"filePath": "/tmp/art/lighthouse-2.png", "size": len(PNG) + 1},
    ]
    assert result.ret["usage"]["total_tokens"] == 100
    assert result.summary == "Generated 2 images with gpt-image-1, saved to /tmp/art/lighthouse-1.png, /tmp/art/lighthouse-2.png"


async def test_generate_image_with_dall_e_asks_for_base64(catalog, respx_mock, tmp_path):
    route = respx_mock.post(f"{API}/images/generations").mock(return_value=httpx.Response(200, json={
        "created": 1713833628,
        "data": [{"b64_json": base64.b64encode(PNG).decode(), "revised_prompt": "A serene lighthouse at dawn."}],
    }))
    result = await run_action(
        catalog.action("openai-generate-image"), {"prompt": "lighthouse", "model": "dall-e-3"}, auth=AUTH, tmp_dir=tmp_path,
    )
    assert result.error is None, result.error
    assert json.loads(route.calls.last.request.content) == {
        "model": "dall-e-3", "prompt": "lighthouse", "n": 1, "response_format": "b64_json",
    }
    assert (tmp_path / "image.png").read_bytes() == PNG
    assert result.ret["revised_prompt"] == "A serene lighthouse at dawn."
    assert catalog.action("openai-generate-image").stash == "optional"


async def test_create_speech_saves_the_audio(catalog, respx_mock, tmp_path):
    audio = b"ID3\x04\x00\x00\x00\x00\x00\x00fake mp3 frames"
    route = respx_mock.post(f"{API}/audio/speech").mock(
        return_value=httpx.Response(200, content=audio, headers={"content-type": "audio/mpeg"})
    )
    result = await run_action(
        catalog.action("openai-create-speech"),
        {"input": "Welcome aboard!", "voice": "coral", "instructions": "Cheerful", "speed": 1.25,
         "filePath": "/tmp/welcome.mp3"},
        auth=AUTH,
        tmp_dir=tmp_path,
    )
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "POST", f"{API}/audio/speech", {
        "model": "gpt-4o-mini-tts", "input": "Welcome aboard!", "voice": "coral", "response_format": "mp3",
        "instructions": "Cheerful", "speed": 1.25,
    })
    assert (tmp_path / "welcome.mp3").read_bytes() == audio
    assert result.ret == {"filePath": "/tmp/welcome.mp3", "size": len(audio), "format": "mp3", "contentType": "audio/mpeg"}
    assert result.summary == f"Saved {len(audio)} bytes of mp3 speech (coral) to /tmp/welcome.mp3"


async def test_create_speech_defaults_the_path_from_the_format(catalog, respx_mock, tmp_path):
    respx_mock.post(f"{API}/audio/speech").mock(return_value=httpx.Response(200, content=b"RIFFwav"))
    result = await run_action(
        catalog.action("openai-create-speech"), {"input": "Hi", "responseFormat": "wav"}, auth=AUTH, tmp_dir=tmp_path,
    )
    assert result.error is None, result.error
    assert (tmp_path / "speech.wav").read_bytes() == b"RIFFwav"


async def test_create_transcription_uploads_the_audio(catalog, respx_mock, tmp_path):
    (tmp_path / "meeting.m4a").write_bytes(b"\x00\x00\x00\x20ftypM4A audio")
    route = respx_mock.post(f"{API}/audio/transcriptions").mock(return_value=httpx.Response(200, json={
        "text": "Let's ship it on Friday.",
        "usage": {"type": "tokens", "input_tokens": 14, "output_tokens": 7, "total_tokens": 21,
                  "input_token_details": {"text_tokens": 0, "audio_tokens": 14}},
    }))
    result = await run_action(
        catalog.action("openai-create-transcription"),
        {"filePath": "/tmp/meeting.m4a", "language": "en", "prompt": "Acme"},
        auth=AUTH,
        tmp_dir=tmp_path,
    )
    assert result.error is None, result.error
    request = route.calls.last.request
    assert_request(request, "POST", f"{API}/audio/transcriptions")
    assert multipart(request) == {
        "model": "gpt-4o-mini-transcribe",
        "response_format": "json",
        "language": "en",
        "prompt": "Acme",
        "file": ("meeting.m4a", "audio/mp4", b"\x00\x00\x00\x20ftypM4A audio"),
    }
    assert result.ret == {"text": "Let's ship it on Friday.", "format": "json", "usage": {
        "type": "tokens", "input_tokens": 14, "output_tokens": 7, "total_tokens": 21,
        "input_token_details": {"text_tokens": 0, "audio_tokens": 14}}}
    assert result.summary == "Transcribed meeting.m4a (24 characters of json)"


async def test_create_transcription_as_subtitles(catalog, respx_mock, tmp_path):
    (tmp_path / "clip.mp3").write_bytes(b"ID3 clip")
    srt = "1\n00:00:00,000 --> 00:00:02,000\nHello there.\n"
    route = respx_mock.post(f"{API}/audio/transcriptions").mock(return_value=httpx.Response(200, text=srt))
    result = await run_action(
        catalog.action("openai-create-transcription"),
        {"filePath": "/tmp/clip.mp3", "model": "whisper-1", "responseFormat": "srt"},
        auth=AUTH,
        tmp_dir=tmp_path,
    )
    assert result.error is None, result.error
    assert multipart(route.calls.last.request)["response_format"] == "srt"
    assert result.ret == {"text": srt, "format": "srt"}
    missing = await run_action(
        catalog.action("openai-create-transcription"), {"filePath": "/tmp/none.mp3"}, auth=AUTH, tmp_dir=tmp_path,
    )
    assert missing.error.startswith("/tmp/none.mp3 is not a file in /tmp")


# Files


async def test_upload_file_sends_the_bytes_and_purpose(catalog, respx_mock, tmp_path):
    (tmp_path / "batch.jsonl").write_bytes(b'{"custom_id": "r1"}\n')
    route = respx_mock.post(f"{API}/files").mock(
        return_value=httpx.Response(200, json=_file("file-abc123", "batch.jsonl", "batch", 20))
    )
    result = await run_action(
        catalog.action("openai-upload-file"),
        {"filePath": "/tmp/batch.jsonl", "purpose": "batch", "expiresAfterDays": 2},
        auth=AUTH,
        tmp_dir=tmp_path,
    )
    assert result.error is None, result.error
    request = route.calls.last.request
    assert_request(request, "POST", f"{API}/files")
    assert multipart(request) == {
        "purpose": "batch",
        "expires_after[anchor]": "created_at",
        "expires_after[seconds]": "172800",
        "file": ("batch.jsonl", "application/octet-stream", b'{"custom_id": "r1"}\n'),
    }
    assert result.ret == {"id": "file-abc123", "filename": "batch.jsonl", "purpose": "batch", "bytes": 20,
                          "created_at": 1730000000, "expires_at": None, "status": "processed"}
    assert result.summary == "Uploaded batch.jsonl (20 bytes) to OpenAI as file-abc123 for batch"


async def test_list_files_passes_filters_and_returns_the_cursor(catalog, respx_mock):
    route = respx_mock.get(f"{API}/files").mock(return_value=httpx.Response(200, json={
        "object": "list",
        "data": [_file("file-abc123", "salesOverview.pdf", "assistants", 175), _file("file-abc456", "puppy.jsonl", "assistants")],
        "first_id": "file-abc123",
        "last_id": "file-abc456",
        "has_more": True,
    }))
    result = await run_action(
        catalog.action("openai-list-files"), {"purpose": "assistants", "limit": 2, "cursor": "file-xyz"}, auth=AUTH,
    )
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "GET", f"{API}/files?limit=2&order=desc&purpose=assistants&after=file-xyz")
    assert [f["id"] for f in result.ret["files"]] == ["file-abc123", "file-abc456"]
    assert result.ret["next_cursor"] == "file-abc456"
    assert set(result.ret["files"][0]) == {"id", "filename", "purpose", "bytes", "created_at", "expires_at", "status"}
    assert result.summary == "Listed 2 files (more available)"
    whole = await run_action(catalog.action("openai-list-files"), {"cursor": "file-abc456", "fullResponse": True}, auth=AUTH)
    assert_request(route.calls.last.request, "GET", f"{API}/files?limit=25&order=desc&after=file-abc456")
    assert whole.ret["files"][0] == _file("file-abc123", "salesOverview.pdf", "assistants", 175)


async def test_list_files_ends_without_a_cursor(catalog, respx_mock):
    respx_mock.get(f"{API}/files").mock(return_value=httpx.Response(200, json={
        "object": "list", "data": [_file("file-abc123", "salesOverview.pdf", "assistants", 175)],
        "first_id": "file-abc123", "last_id": "file-abc123", "has_more": False}))
    result = await run_action(catalog.action("openai-list-files"), {}, auth=AUTH)
    assert result.ret["next_cursor"] is None


async def test_delete_file(catalog, respx_mock):
    route = respx_mock.delete(f"{API}/files/file-abc123").mock(
        return_value=httpx.Response(200, json={"id": "file-abc123", "object": "file", "deleted": True})
    )
    result = await run_action(catalog.action("openai-delete-file"), {"fileId": "file-abc123"}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "DELETE", f"{API}/files/file-abc123")
    assert result.ret == {"id": "file-abc123", "deleted": True}
    assert result.summary == "Deleted file file-abc123"
    assert catalog.action("openai-delete-file").annotations.destructive is True


async def test_download_file_names_the_file_after_its_metadata(catalog, respx_mock, tmp_path):
    meta = respx_mock.get(f"{API}/files/file-out789").mock(
        return_value=httpx.Response(200, json=_file("file-out789", "batch_output.jsonl", "batch_output", 33))
    )
    content = respx_mock.get(f"{API}/files/file-out789/content").mock(
        return_value=httpx.Response(200, content=b'{"id": "batch_req_1", "custom_id": "r1"}\n')
    )
    result = await run_action(catalog.action("openai-download-file"), {"fileId": "file-out789"}, auth=AUTH, tmp_dir=tmp_path)
    assert result.error is None, result.error
    assert_request(meta.calls.last.request, "GET", f"{API}/files/file-out789")
    assert_request(content.calls.last.request, "GET", f"{API}/files/file-out789/content")
    assert (tmp_path / "batch_output.jsonl").read_bytes() == b'{"id": "batch_req_1", "custom_id": "r1"}\n'
    assert result.ret == {"fileId": "file-out789", "filePath": "/tmp/batch_output.jsonl", "size": 41}
    assert result.summary == "Downloaded file-out789 (41 bytes) to /tmp/batch_output.jsonl"


async def test_download_file_to_a_given_path_skips_the_lookup(catalog, respx_mock, tmp_path):
    meta = respx_mock.get(f"{API}/files/file-out789")
    respx_mock.get(f"{API}/files/file-out789/content").mock(return_value=httpx.Response(200, content=b"abc"))
    result = await run_action(
        catalog.action("openai-download-file"), {"fileId": "file-out789", "filePath": "/tmp/out.jsonl"},
        auth=AUTH, tmp_dir=tmp_path,
    )
    assert result.error is None, result.error
    assert (tmp_path / "out.jsonl").read_bytes() == b"abc"
    assert not meta.calls


async def test_download_of_an_assistants_file_reports_openais_refusal(catalog, respx_mock, tmp_path):
    respx_mock.get(f"{API}/files/file-abc123/content").mock(return_value=httpx.Response(400, json={"error": {
        "message": "Not allowed to download files of purpose: assistants", "type": "invalid_request_error",
        "param": None, "code": None}}))
    result = await run_action(
        catalog.action("openai-download-file"), {"fileId": "file-abc123", "filePath": "/tmp/x"}, auth=AUTH, tmp_dir=tmp_path,
    )
    assert "OpenAI API error 400" in result.error
    assert "Not allowed to download files of purpose: assistants" in result.error
    assert not (tmp_path / "x").exists()


# Models


MODELS = {
    "object": "list",
    "data": [
        {"id": "gpt-4.1-mini", "object": "model", "created": 1744318173, "owned_by": "system"},
        {"id": "text-embedding-3-small", "object": "model", "created": 1705948997, "owned_by": "system"},
        {"id": "gpt-image-1", "object": "model", "created": 1745517030, "owned_by": "system"},
        {"id": "gpt-4o-mini-tts", "object": "model", "created": 1742403959, "owned_by": "system"},
        {"id": "whisper-1", "object": "model", "created": 1677532384, "owned_by": "openai-internal"},
        {"id": "gpt-4o-transcribe", "object": "model", "created": 1742068463, "owned_by": "system"},
        {"id": "omni-moderation-latest", "object": "model", "created": 1731689265, "owned_by": "system"},
        {"id": "o4-mini", "object": "model", "created": 1744225351, "owned_by": "system"},
        {"id": "gpt-4o-realtime-preview", "object": "model", "created": 1727659998, "owned_by": "system"},
        {"id": "dall-e-3", "object": "model", "created": 1698785189, "owned_by": "system"},
        {"id": "ft:gpt-4o-mini-2024-07-18:acme::A1b2C3d4", "object": "model", "created": 1730000000, "owned_by": "acme"},
    ],
}


async def test_list_models(catalog, respx_mock):
    route = respx_mock.get(f"{API}/models").mock(return_value=httpx.Response(200, json=MODELS))
    result = await run_action(catalog.action("openai-list-models"), {}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "GET", f"{API}/models")
    assert result.ret["models"][0] == {"id": "dall-e-3", "owned_by": "system", "created": 1698785189}
    assert len(result.ret["models"]) == 11
    assert result.summary == "Listed 11 models"


@pytest.mark.parametrize(
    ("action", "prop", "expected"),
    [
        ("openai-create-response", "model", ["gpt-4.1-mini", "o4-mini"]),
        ("openai-create-embeddings", "model", ["text-embedding-3-small"]),
        ("openai-generate-image", "model", ["dall-e-3", "gpt-image-1"]),
        ("openai-create-speech", "model", ["gpt-4o-mini-tts"]),
        ("openai-create-transcription", "model", ["gpt-4o-transcribe", "whisper-1"]),
        ("openai-create-moderation", "model", ["omni-moderation-latest"]),
    ],
)
async def test_model_options_keep_the_models_that_fit(catalog, respx_mock, action, prop, expected):
    route = respx_mock.get(f"{API}/models").mock(return_value=httpx.Response(200, json=MODELS))
    response = await fetch_options(catalog.action(action), prop, {}, auth=AUTH)
    assert response["errors"] == []
    assert [o["value"] for o in response["options"]] == expected
    assert response["context"] is None
    assert_request(route.calls.last.request, "GET", f"{API}/models")


async def test_file_options_follow_the_after_cursor(catalog, respx_mock):
    route = respx_mock.get(f"{API}/files").mock(side_effect=[
        httpx.Response(200, json={"object": "list", "data": [_file("file-1", "a.pdf"), _file("file-2", "b.jsonl", "batch")],
                                  "first_id": "file-1", "last_id": "file-2", "has_more": True}),
        httpx.Response(200, json={"object": "list", "data": [_file("file-3", "c.png", "vision")],
                                  "first_id": "file-3", "last_id": "file-3", "has_more": False}),
    ])
    action = catalog.action("openai-delete-file")
    first = await fetch_options(action, "fileId", {}, auth=AUTH)
    assert first["options"] == [
        {"label": "a.pdf (user_data, file-1)", "value": "file-1"},
        {"label": "b.jsonl (batch, file-2)", "value": "file-2"},
    ]
    assert first["context"] == {"after": "file-2"}
    assert_request(route.calls[0].request, "GET", f"{API}/files?limit=100&order=desc")
    second = await fetch_options(action, "fileId", {}, auth=AUTH, page=1, prev_context=first["context"])
    assert second["options"] == [{"label": "c.png (vision, file-3)", "value": "file-3"}]
    assert second["context"] is None
    assert_request(route.calls[1].request, "GET", f"{API}/files?limit=100&order=desc&after=file-2")
    done = await fetch_options(action, "fileId", {}, auth=AUTH, page=2, prev_context={})
    assert done["options"] == [] and route.call_count == 2


# Errors and rate limits


async def test_an_unknown_model_gets_a_hint(catalog, respx_mock):
    respx_mock.post(f"{API}/responses").mock(return_value=httpx.Response(404, json={"error": {
        "message": "The model `gpt-9` does not exist or you do not have access to it.",
        "type": "invalid_request_error", "param": "model", "code": "model_not_found"}}))
    result = await run_action(catalog.action("openai-create-response"), {"model": "gpt-9", "input": "hi"}, auth=AUTH)
    assert result.ret is None
    assert result.error == (
        "OpenAI API error 404 `model_not_found` (parameter `model`): The model `gpt-9` does not exist or you do not "
        "have access to it. (the model does not exist or this key cannot use it; pick one from the model choices)"
    )


async def test_a_rejected_key_asks_to_reconnect(catalog, respx_mock):
    respx_mock.get(f"{API}/models").mock(return_value=httpx.Response(401, json={"error": {
        "message": "Incorrect API key provided: sk-proj-****abcd. You can find your API key at "
        "https://platform.openai.com/account/api-keys.", "type": "invalid_request_error", "param": None,
        "code": "invalid_api_key"}}))
    result = await run_action(catalog.action("openai-list-models"), {}, auth=AUTH)
    assert "Incorrect API key provided" in result.error
    assert "reconnect OpenAI" in result.error


async def test_a_429_says_when_to_retry(catalog, respx_mock):
    respx_mock.post(f"{API}/embeddings").mock(return_value=httpx.Response(429, headers={"retry-after": "20"}, json={"error": {
        "message": "Rate limit reached for text-embedding-3-small in organization org-2LMrd0QiCg8dpH4vcpXa3hO3 on "
        "requests per min (RPM): Limit 3000, Used 3000, Requested 1.", "type": "requests", "param": None,
        "code": "rate_limit_exceeded"}}))
    result = await run_action(catalog.action("openai-create-embeddings"), {"input": ["a"]}, auth=AUTH)
    assert "retry after 20 s" in result.error
    assert "Rate limit reached for text-embedding-3-small" in result.error


async def test_a_429_without_retry_after_reads_the_reset_headers(catalog, respx_mock):
    respx_mock.post(f"{API}/chat/completions").mock(return_value=httpx.Response(429, headers={
        "x-ratelimit-limit-requests": "500", "x-ratelimit-remaining-requests": "12",
        "x-ratelimit-reset-requests": "120ms", "x-ratelimit-limit-tokens": "30000",
        "x-ratelimit-remaining-tokens": "0", "x-ratelimit-reset-tokens": "1m6.5s",
    }, json={"error": {"message": "Rate limit reached for gpt-4o on tokens per min (TPM).", "type": "tokens",
                       "param": None, "code": "rate_limit_exceeded"}}))
    result = await run_action(catalog.action("openai-create-chat-completion"), {"userMessage": "hi"}, auth=AUTH)
    assert "retry after 66.5 s" in result.error
    assert "tokens per min" in result.error


async def test_an_empty_quota_says_retrying_will_not_help(catalog, respx_mock):
    respx_mock.post(f"{API}/responses").mock(return_value=httpx.Response(429, json={"error": {
        "message": "You exceeded your current quota, please check your plan and billing details.",
        "type": "insufficient_quota", "param": None, "code": "insufficient_quota"}}))
    result = await run_action(catalog.action("openai-create-response"), {"input": "hi"}, auth=AUTH)
    assert result.error.startswith("OpenAI refused the request because the account has no quota left (insufficient_quota)")
    assert "retrying will not help" in result.error
    assert "retry after" not in result.error


async def test_the_project_header_is_sent_when_set(catalog, respx_mock):
    route = respx_mock.get(f"{API}/models").mock(return_value=httpx.Response(200, json=MODELS))
    result = await run_action(catalog.action("openai-list-models"), {}, auth={**AUTH, "project": "proj_Yq1yA4b5tBuVHeGfAjpGC6uB"})
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "GET", f"{API}/models", project="proj_Yq1yA4b5tBuVHeGfAjpGC6uB")


# Account test


async def run_account_test(creds, catalog):
    app = catalog.apps["openai"]
    async with httpx.AsyncClient() as client:
        http = AppHttp(client, app_name=app.name, headers=app.headers_for(creds), base_url=app.base_url_for(creds),
                       allowed_domains=app.allowed_domains_for(creds))
        return await app.test(AccountContext(auth=creds, http=http))


async def test_account_test_names_the_organization(catalog, respx_mock):
    route = respx_mock.get(f"{API}/models").mock(
        return_value=httpx.Response(200, json=MODELS, headers={"openai-organization": "acme-inc-x1y2z3"})
    )
    identity = await run_account_test({"api_key": KEY}, catalog)
    assert identity == Identity(name="acme-inc-x1y2z3", external_id="acme-inc-x1y2z3")
    request = route.calls.last.request
    assert request.headers["authorization"] == f"Bearer {KEY}"
    assert "openai-organization" not in request.headers


async def test_account_test_without_an_organization_header_names_the_key(catalog, respx_mock):
    respx_mock.get(f"{API}/models").mock(return_value=httpx.Response(200, json=MODELS))
    identity = await run_account_test({"api_key": KEY}, catalog)
    assert identity == Identity(name="OpenAI key …c3d4", external_id=None)


async def test_account_test_rejects_a_bad_key(catalog, respx_mock):
    respx_mock.get(f"{API}/models").mock(return_value=httpx.Response(401, json={"error": {
        "message": "Incorrect API key provided: sk-bad.", "type": "invalid_request_error", "param": None,
        "code": "invalid_api_key"}}))
    with pytest.raises(UpstreamError, match="Incorrect API key provided") as raised:
        await run_account_test({"api_key": "sk-bad"}, catalog)
    assert raised.value.status == 401
