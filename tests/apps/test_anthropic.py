"""The anthropic app against respx mocks shaped like Anthropic's API reference."""

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

API = "https://api.anthropic.com/v1"
KEY = "sk-ant-api03-R2D2C3POBB8abcdefghijklmnopWXYZ"
AUTH = {"api_key": KEY}
BATCH = "msgbatch_013Zva2CMHLNnXjNJJKqJ2EF"
FILE = "file_011CNha8iCJcU1wXNR6q4V8w"


def assert_request(request, method, url, body=None, *, beta=None):
    assert request.method == method
    assert str(request.url) == url
    assert request.headers["x-api-key"] == KEY
    assert request.headers["anthropic-version"] == "2023-06-01"
    assert "authorization" not in request.headers
    if beta:
        assert request.headers["anthropic-beta"] == beta
    else:
        assert "anthropic-beta" not in request.headers
    if body is not None:
        assert request.headers["content-type"] == "application/json"
        assert json.loads(request.content) == body


def _message(text, *, model="claude-sonnet-4-5-20250929", stop_reason="end_turn", output_tokens=503):
    return {
        "id": "msg_013Zva2CMHLNnXjNJJKqJ2EF",
        "type": "message",
        "role": "assistant",
        "model": model,
        "content": [{"type": "text", "text": text}],
        "stop_reason": stop_reason,
        "stop_sequence": None,
        "usage": {"input_tokens": 2095, "output_tokens": output_tokens, "cache_creation_input_tokens": 0,
                  "cache_read_input_tokens": 0},
    }


def _batch(status="in_progress", *, results=False, **counts):
    return {
        "id": BATCH,
        "type": "message_batch",
        "processing_status": status,
        "request_counts": {"processing": 0, "succeeded": 0, "errored": 0, "canceled": 0, "expired": 0, **counts},
        "ended_at": "2024-09-24T19:12:01.100435Z" if status == "ended" else None,
        "created_at": "2024-09-24T18:37:24.100435Z",
        "expires_at": "2024-09-25T18:37:24.100435Z",
        "archived_at": None,
        "cancel_initiated_at": None,
        "results_url": f"{API}/messages/batches/{BATCH}/results" if results else None,
    }


def _file(file_id=FILE, filename="document.pdf", mime="application/pdf", size=102400, downloadable=False):
    return {"id": file_id, "created_at": "2025-04-15T18:37:24.100435Z", "filename": filename, "mime_type": mime,
            "size_bytes": size, "type": "file", "downloadable": downloadable}


# Messages


async def test_create_message_sends_the_conversation_and_options(catalog, respx_mock):
    route = respx_mock.post(f"{API}/messages").mock(return_value=httpx.Response(200, json=_message("Dear Sam, ...")))
    result = await run_action(
        catalog.action("anthropic-create-message"),
        {
            "model": "claude-opus-4-1",
            "userMessage": "Draft a reply declining the meeting.",
            "system": "You are a polite assistant.",
            "messages": [{"role": "user", "content": "Sam invited me to a meeting."}, {"role": "assistant", "content": "Noted."}],
            "maxTokens": 300,
            "temperature": 0.3,
            "stopSequences": ["###"],
        },
        auth=AUTH,
    )
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "POST", f"{API}/messages", {
        "model": "claude-opus-4-1",
        "max_tokens": 300,
        "messages": [
            {"role": "user", "content": "Sam invited me to a meeting."},
            {"role": "assistant", "content": "Noted."},
            {"role": "user", "content": "Draft a reply declining the meeting."},
        ],
        "system": "You are a polite assistant.",
        "temperature": 0.3,
        "stop_sequences": ["###"],
    })
    assert result.ret == {
        "id": "msg_013Zva2CMHLNnXjNJJKqJ2EF",
        "model": "claude-sonnet-4-5-20250929",
        "text": "Dear Sam, ...",
        "stop_reason": "end_turn",
        "usage": {"input_tokens": 2095, "output_tokens": 503, "cache_creation_input_tokens": 0, "cache_read_input_tokens": 0},
    }
    assert result.summary == "Claude (claude-sonnet-4-5-20250929) replied with 503 tokens"


async def test_create_message_defaults_and_max_tokens_stop(catalog, respx_mock):
    route = respx_mock.post(f"{API}/messages").mock(
        return_value=httpx.Response(200, json=_message("Once upon a", stop_reason="max_tokens", output_tokens=1024))
    )
    result = await run_action(catalog.action("anthropic-create-message"), {"userMessage": "Tell a story"}, auth=AUTH)
    assert result.error is None, result.error
    assert json.loads(route.calls.last.request.content) == {
        "model": "claude-sonnet-4-5", "max_tokens": 1024, "messages": [{"role": "user", "content": "Tell a story"}],
    }
    assert result.summary == "Claude (claude-sonnet-4-5-20250929) replied with 1024 tokens (cut off at max tokens)"


async def test_create_message_rejects_malformed_turns(catalog, respx_mock):
    route = respx_mock.post(f"{API}/messages")
    result = await run_action(
        catalog.action("anthropic-create-message"), {"userMessage": "hi", "messages": [{"role": "system", "content": "x"}]},
        auth=AUTH,
    )
    assert result.error.startswith("messages[0] must look like")
    assert not route.calls


PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR tiny"


async def test_message_with_a_pdf_from_tmp_sends_a_base64_document(catalog, respx_mock, tmp_path):
    (tmp_path / "invoice.pdf").write_bytes(PDF)
    route = respx_mock.post(f"{API}/messages").mock(return_value=httpx.Response(200, json=_message("Total: $1,250.00")))
    result = await run_action(
        catalog.action("anthropic-create-message-with-file"),
        {"filePath": "/tmp/invoice.pdf", "userMessage": "What is the total?", "system": "Be brief.", "maxTokens": 200},
        auth=AUTH,
        tmp_dir=tmp_path,
    )
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "POST", f"{API}/messages", {
        "model": "claude-sonnet-4-5",
        "max_tokens": 200,
        "system": "Be brief.",
        "messages": [{"role": "user", "content": [
            {"type": "document", "source": {"type": "base64", "media_type": "application/pdf",
                                            "data": base64.b64encode(PDF).decode()}},
            {"type": "text", "text": "What is the total?"},
        ]}],
    })
    assert result.ret["text"] == "Total: $1,250.00"
    assert result.ret["file"] == "invoice.pdf" and result.ret["media_type"] == "application/pdf"
    assert result.summary == "Claude (claude-sonnet-4-5-20250929) read invoice.pdf and replied with 503 tokens"
    assert catalog.action("anthropic-create-message-with-file").stash == "optional"


async def test_message_with_an_image_is_recognised_by_its_bytes(catalog, respx_mock, tmp_path):
    (tmp_path / "photo").write_bytes(PNG)
    route = respx_mock.post(f"{API}/messages").mock(return_value=httpx.Response(200, json=_message("A tiny square.")))
    result = await run_action(
        catalog.action("anthropic-create-message-with-file"),
        {"filePath": "/tmp/photo", "userMessage": "Describe it"},
        auth=AUTH,
        tmp_dir=tmp_path,
    )
    assert result.error is None, result.error
    block = json.loads(route.calls.last.request.content)["messages"][0]["content"][0]
    assert block == {"type": "image", "source": {"type": "base64", "media_type": "image/png",
                                                 "data": base64.b64encode(PNG).decode()}}


async def test_message_with_an_uploaded_file_refers_to_it_by_id(catalog, respx_mock):
    meta = respx_mock.get(f"{API}/files/{FILE}").mock(return_value=httpx.Response(200, json=_file()))
    route = respx_mock.post(f"{API}/messages").mock(return_value=httpx.Response(200, json=_message("Three parties.")))
    result = await run_action(
        catalog.action("anthropic-create-message-with-file"),
        {"fileId": FILE, "userMessage": "Who signed?"},
        auth=AUTH,
    )
    assert result.error is None, result.error
    assert_request(meta.calls.last.request, "GET", f"{API}/files/{FILE}", beta="files-api-2025-04-14")
    assert_request(route.calls.last.request, "POST", f"{API}/messages", {
        "model": "claude-sonnet-4-5",
        "max_tokens": 1024,
        "messages": [{"role": "user", "content": [
            {"type": "document", "source": {"type": "file", "file_id": FILE}},
            {"type": "text", "text": "Who signed?"},
        ]}],
    }, beta="files-api-2025-04-14")
    assert result.ret["file"] == "document.pdf"


async def test_message_with_file_refuses_unreadable_input(catalog, respx_mock, tmp_path):
    action = catalog.action("anthropic-create-message-with-file")
    (tmp_path / "archive.zip").write_bytes(b"PK\x03\x04\xff\xfe\x00binary")
    route = respx_mock.post(f"{API}/messages")
    neither = await run_action(action, {"userMessage": "x"}, auth=AUTH, tmp_dir=tmp_path)
    assert neither.error.startswith("give exactly one of filePath")
    binary = await run_action(action, {"userMessage": "x", "filePath": "/tmp/archive.zip"}, auth=AUTH, tmp_dir=tmp_path)
    assert "is not an image (JPEG, PNG, GIF, WebP), a PDF or plain text" in binary.error
    missing = await run_action(action, {"userMessage": "x", "filePath": "/tmp/gone.pdf"}, auth=AUTH, tmp_dir=tmp_path)
    assert missing.error.startswith("/tmp/gone.pdf is not a file in /tmp")
    assert not route.calls


async def test_count_tokens(catalog, respx_mock):
    route = respx_mock.post(f"{API}/messages/count_tokens").mock(return_value=httpx.Response(200, json={"input_tokens": 2095}))
    result = await run_action(
        catalog.action("anthropic-count-tokens"),
        {"model": "claude-haiku-4-5", "userMessage": "A long document ...", "system": "Summarize."},
        auth=AUTH,
    )
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "POST", f"{API}/messages/count_tokens", {
        "model": "claude-haiku-4-5",
        "messages": [{"role": "user", "content": "A long document ..."}],
        "system": "Summarize.",
    })
    assert result.ret == {"input_tokens": 2095, "model": "claude-haiku-4-5"}
    assert result.summary == "The message would use 2095 input tokens on claude-haiku-4-5"


# Models


MODELS_PAGE_1 = {
    "data": [
        {"type": "model", "id": "claude-sonnet-4-5-20250929", "display_name": "Claude Sonnet 4.5",
         "created_at": "2025-09-29T00:00:00Z"},
        {"type": "model", "id": "claude-opus-4-1-20250805", "display_name": "Claude Opus 4.1",
         "created_at": "2025-08-05T00:00:00Z"},
    ],
    "has_more": True,
    "first_id": "claude-sonnet-4-5-20250929",
    "last_id": "claude-opus-4-1-20250805",
}
MODELS_PAGE_2 = {
    "data": [{"type": "model", "id": "claude-3-5-haiku-20241022", "display_name": "Claude Haiku 3.5",
              "created_at": "2024-10-22T00:00:00Z"}],
    "has_more": False,
    "first_id": "claude-3-5-haiku-20241022",
    "last_id": "claude-3-5-haiku-20241022",
}


async def test_list_models(catalog, respx_mock):
    route = respx_mock.get(f"{API}/models").mock(return_value=httpx.Response(200, json=MODELS_PAGE_1))
    result = await run_action(catalog.action("anthropic-list-models"), {"limit": 2, "cursor": "claude-x"}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "GET", f"{API}/models?limit=2&after_id=claude-x")
    assert result.ret["models"][0] == {"id": "claude-sonnet-4-5-20250929", "display_name": "Claude Sonnet 4.5",
                                       "created_at": "2025-09-29T00:00:00Z"}
    assert result.ret["next_cursor"] == "claude-opus-4-1-20250805"
    assert result.summary == "Listed 2 models (more available)"
    whole = await run_action(catalog.action("anthropic-list-models"), {"limit": 2, "fullResponse": True}, auth=AUTH)
    assert_request(route.calls.last.request, "GET", f"{API}/models?limit=2")
    assert whole.ret["models"] == MODELS_PAGE_1["data"]


async def test_model_options_page_with_after_id(catalog, respx_mock):
    route = respx_mock.get(f"{API}/models").mock(
        side_effect=[httpx.Response(200, json=MODELS_PAGE_1), httpx.Response(200, json=MODELS_PAGE_2)]
    )
    action = catalog.action("anthropic-create-message")
    first = await fetch_options(action, "model", {}, auth=AUTH)
    assert first["errors"] == []
    assert first["options"] == [
        {"label": "Claude Sonnet 4.5 (claude-sonnet-4-5-20250929)", "value": "claude-sonnet-4-5-20250929"},
        {"label": "Claude Opus 4.1 (claude-opus-4-1-20250805)", "value": "claude-opus-4-1-20250805"},
    ]
    assert first["context"] == {"after": "claude-opus-4-1-20250805"}
    assert_request(route.calls[0].request, "GET", f"{API}/models?limit=100")
    second = await fetch_options(action, "model", {}, auth=AUTH, page=1, prev_context=first["context"])
    assert second["options"] == [{"label": "Claude Haiku 3.5 (claude-3-5-haiku-20241022)", "value": "claude-3-5-haiku-20241022"}]
    assert second["context"] is None
    assert_request(route.calls[1].request, "GET", f"{API}/models?limit=100&after_id=claude-opus-4-1-20250805")
    done = await fetch_options(action, "model", {}, auth=AUTH, page=2, prev_context={})
    assert done["options"] == [] and route.call_count == 2


# Batches


async def test_create_message_batch_from_prompts_and_requests(catalog, respx_mock):
    route = respx_mock.post(f"{API}/messages/batches").mock(return_value=httpx.Response(200, json=_batch(processing=3)))
    result = await run_action(
        catalog.action("anthropic-create-message-batch"),
        {
            "prompts": ["Summarize: A", "Summarize: B"],
            "requests": [{"custom_id": "ticket-42", "params": {"messages": [{"role": "user", "content": "Hi"}],
                                                               "max_tokens": 50}}],
            "model": "claude-haiku-4-5",
            "system": "Be terse.",
            "maxTokens": 200,
        },
        auth=AUTH,
    )
    assert result.error is None, result.error
    defaults = {"model": "claude-haiku-4-5", "max_tokens": 200, "system": "Be terse."}
    assert_request(route.calls.last.request, "POST", f"{API}/messages/batches", {"requests": [
        {"custom_id": "prompt-1", "params": {**defaults, "messages": [{"role": "user", "content": "Summarize: A"}]}},
        {"custom_id": "prompt-2", "params": {**defaults, "messages": [{"role": "user", "content": "Summarize: B"}]}},
        {"custom_id": "ticket-42", "params": {**defaults, "max_tokens": 50,
                                              "messages": [{"role": "user", "content": "Hi"}]}},
    ]})
    assert result.ret["id"] == BATCH and result.ret["processing_status"] == "in_progress"
    assert result.ret["request_counts"]["processing"] == 3
    assert result.summary == f"Created message batch {BATCH} with 3 requests"


async def test_create_message_batch_checks_the_requests(catalog, respx_mock):
    route = respx_mock.post(f"{API}/messages/batches")
    action = catalog.action("anthropic-create-message-batch")
    empty = await run_action(action, {}, auth=AUTH)
    assert empty.error == "give prompts or requests: the batch needs at least one request"
    bad_id = await run_action(action, {"requests": [{"custom_id": "has space", "prompt": "x"}]}, auth=AUTH)
    assert bad_id.error.startswith("requests[0].custom_id must be 1 to 64 letters")
    twice = await run_action(action, {"prompts": ["a"], "requests": [{"custom_id": "prompt-1", "prompt": "b"}]}, auth=AUTH)
    assert twice.error == "custom_id 'prompt-1' is used twice; each request needs its own"
    assert not route.calls


async def test_get_message_batch(catalog, respx_mock):
    route = respx_mock.get(f"{API}/messages/batches/{BATCH}").mock(
        return_value=httpx.Response(200, json=_batch("ended", results=True, succeeded=2, errored=1))
    )
    result = await run_action(catalog.action("anthropic-get-message-batch"), {"batchId": BATCH}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "GET", f"{API}/messages/batches/{BATCH}")
    assert result.ret["results_url"] == f"{API}/messages/batches/{BATCH}/results"
    assert result.summary == f"Batch {BATCH} is ended (2 succeeded, 1 errored)"


async def test_list_message_batches(catalog, respx_mock):
    route = respx_mock.get(f"{API}/messages/batches").mock(return_value=httpx.Response(200, json={
        "data": [_batch(processing=5)], "has_more": False, "first_id": BATCH, "last_id": BATCH,
    }))
    result = await run_action(catalog.action("anthropic-list-message-batches"), {}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "GET", f"{API}/messages/batches?limit=25")
    assert [b["id"] for b in result.ret["batches"]] == [BATCH]
    assert result.ret["next_cursor"] is None
    assert set(result.ret["batches"][0]) == {"id", "processing_status", "request_counts", "created_at", "ended_at",
                                             "expires_at", "cancel_initiated_at", "archived_at", "results_url"}
    assert result.summary == "Listed 1 batch"


async def test_cancel_message_batch(catalog, respx_mock):
    canceling = {**_batch("canceling", processing=10), "cancel_initiated_at": "2024-09-24T18:40:00.000000Z"}
    route = respx_mock.post(f"{API}/messages/batches/{BATCH}/cancel").mock(return_value=httpx.Response(200, json=canceling))
    result = await run_action(catalog.action("anthropic-cancel-message-batch"), {"batchId": BATCH}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "POST", f"{API}/messages/batches/{BATCH}/cancel")
    assert result.ret["cancel_initiated_at"] == "2024-09-24T18:40:00.000000Z"
    assert result.summary == f"Asked to cancel batch {BATCH}; it is now canceling"
    assert catalog.action("anthropic-cancel-message-batch").annotations.destructive is True


async def test_delete_message_batch(catalog, respx_mock):
    route = respx_mock.delete(f"{API}/messages/batches/{BATCH}").mock(
        return_value=httpx.Response(200, json={"id": BATCH, "type": "message_batch_deleted"})
    )
    result = await run_action(catalog.action("anthropic-delete-message-batch"), {"batchId": BATCH}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "DELETE", f"{API}/messages/batches/{BATCH}")
    assert result.ret == {"id": BATCH, "deleted": True}
    assert result.summary == f"Deleted message batch {BATCH}"


RESULTS = "\n".join(json.dumps(line) for line in [
    {"custom_id": "prompt-1", "result": {"type": "succeeded", "message": _message("Short summary A.")}},
    {"custom_id": "prompt-2", "result": {"type": "errored", "error": {"type": "error", "error": {
        "type": "invalid_request_error", "message": "max_tokens: Field required"}}}},
    {"custom_id": "prompt-3", "result": {"type": "expired"}},
]) + "\n"


async def test_batch_results_are_read_from_the_results_url(catalog, respx_mock, tmp_path):
    respx_mock.get(f"{API}/messages/batches/{BATCH}").mock(
        return_value=httpx.Response(200, json=_batch("ended", results=True, succeeded=1, errored=1, expired=1))
    )
    route = respx_mock.get(f"{API}/messages/batches/{BATCH}/results").mock(
        return_value=httpx.Response(200, text=RESULTS, headers={"content-type": "application/binary"})
    )
    result = await run_action(
        catalog.action("anthropic-get-message-batch-results"),
        {"batchId": BATCH, "filePath": "/tmp/results.jsonl", "limit": 2},
        auth=AUTH,
        tmp_dir=tmp_path,
    )
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "GET", f"{API}/messages/batches/{BATCH}/results")
    assert route.calls.last.request.headers["accept"] == "application/binary"
    assert result.ret["total"] == 3
    assert result.ret["counts"] == {"succeeded": 1, "errored": 1, "expired": 1}
    assert result.ret["results"] == [
        {"custom_id": "prompt-1", "type": "succeeded", "text": "Short summary A.", "stop_reason": "end_turn",
         "usage": _message("")["usage"]},
        {"custom_id": "prompt-2", "type": "errored",
         "error": {"type": "invalid_request_error", "message": "max_tokens: Field required"}},
    ]
    assert (tmp_path / "results.jsonl").read_text() == RESULTS
    assert result.summary == (
        f"Read 3 results of batch {BATCH} (1 succeeded, 1 errored, 1 expired), saved to /tmp/results.jsonl"
    )
    assert result.ret["next_cursor"] == "2"
    rest = await run_action(catalog.action("anthropic-get-message-batch-results"),
                            {"batchId": BATCH, "limit": 2, "cursor": "2"}, auth=AUTH, tmp_dir=tmp_path)
    assert [r["custom_id"] for r in rest.ret["results"]] == ["prompt-3"]
    assert rest.ret["results"][0]["type"] == "expired" and rest.ret["next_cursor"] is None


async def test_batch_results_wait_for_the_batch_to_end(catalog, respx_mock):
    respx_mock.get(f"{API}/messages/batches/{BATCH}").mock(return_value=httpx.Response(200, json=_batch(processing=4)))
    results = respx_mock.get(f"{API}/messages/batches/{BATCH}/results")
    result = await run_action(catalog.action("anthropic-get-message-batch-results"), {"batchId": BATCH}, auth=AUTH)
    assert result.error.startswith(f"batch {BATCH} is in_progress; results are available once it has ended")
    assert not results.calls


async def test_batch_options_page_through_the_batches(catalog, respx_mock):
    other = {**_batch("ended"), "id": "msgbatch_01HkcTjaV5uDC8jWR4ZsDV8d"}
    route = respx_mock.get(f"{API}/messages/batches").mock(side_effect=[
        httpx.Response(200, json={"data": [_batch()], "has_more": True, "first_id": BATCH, "last_id": BATCH}),
        httpx.Response(200, json={"data": [other], "has_more": False, "first_id": other["id"], "last_id": other["id"]}),
    ])
    action = catalog.action("anthropic-get-message-batch")
    first = await fetch_options(action, "batchId", {}, auth=AUTH)
    assert first["options"] == [{"label": f"{BATCH} (in_progress, created 2024-09-24T18:37:24.100435Z)", "value": BATCH}]
    second = await fetch_options(action, "batchId", {}, auth=AUTH, page=1, prev_context=first["context"])
    assert [o["value"] for o in second["options"]] == ["msgbatch_01HkcTjaV5uDC8jWR4ZsDV8d"]
    assert_request(route.calls[1].request, "GET", f"{API}/messages/batches?limit=100&after_id={BATCH}")


# Files


async def test_upload_file_uses_the_files_beta(catalog, respx_mock, tmp_path):
    (tmp_path / "contract.pdf").write_bytes(PDF)
    route = respx_mock.post(f"{API}/files").mock(
        return_value=httpx.Response(200, json=_file(filename="contract.pdf", size=len(PDF)))
    )
    result = await run_action(catalog.action("anthropic-upload-file"), {"filePath": "/tmp/contract.pdf"}, auth=AUTH,
                              tmp_dir=tmp_path)
    assert result.error is None, result.error
    request = route.calls.last.request
    assert_request(request, "POST", f"{API}/files", beta="files-api-2025-04-14")
    content_type = request.headers["content-type"]
    message = BytesParser(policy=HTTP).parsebytes(b"Content-Type: " + content_type.encode() + b"\r\n\r\n" + request.content)
    parts = list(message.iter_parts())
    assert len(parts) == 1
    assert parts[0].get_param("name", header="content-disposition") == "file"
    assert parts[0].get_filename() == "contract.pdf"
    assert parts[0].get_content_type() == "application/pdf"
    assert parts[0].get_payload(decode=True) == PDF
    assert result.ret == {"id": FILE, "filename": "contract.pdf", "mime_type": "application/pdf", "size_bytes": len(PDF),
                          "created_at": "2025-04-15T18:37:24.100435Z", "downloadable": False}
    assert result.summary == f"Uploaded contract.pdf ({len(PDF)} bytes) to Anthropic as {FILE}"


async def test_list_files(catalog, respx_mock):
    route = respx_mock.get(f"{API}/files").mock(return_value=httpx.Response(200, json={
        "data": [_file()], "first_id": FILE, "has_more": True, "last_id": FILE,
    }))
    result = await run_action(catalog.action("anthropic-list-files"), {"limit": 1}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "GET", f"{API}/files?limit=1", beta="files-api-2025-04-14")
    assert [f["id"] for f in result.ret["files"]] == [FILE]
    assert result.ret["next_cursor"] == FILE
    assert result.summary == "Listed 1 file (more available)"
    await run_action(catalog.action("anthropic-list-files"), {"limit": 1, "cursor": FILE}, auth=AUTH)
    assert_request(route.calls.last.request, "GET", f"{API}/files?limit=1&after_id={FILE}", beta="files-api-2025-04-14")


async def test_delete_file(catalog, respx_mock):
    route = respx_mock.delete(f"{API}/files/{FILE}").mock(return_value=httpx.Response(200, json={"id": FILE, "type": "file_deleted"}))
    result = await run_action(catalog.action("anthropic-delete-file"), {"fileId": FILE}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "DELETE", f"{API}/files/{FILE}", beta="files-api-2025-04-14")
    assert result.ret == {"id": FILE, "deleted": True}
    assert result.summary == f"Deleted file {FILE}"


async def test_download_file_saves_a_downloadable_file(catalog, respx_mock, tmp_path):
    chart = _file("file_01ChartChartChart", "chart.png", "image/png", len(PNG), downloadable=True)
    respx_mock.get(f"{API}/files/file_01ChartChartChart").mock(return_value=httpx.Response(200, json=chart))
    route = respx_mock.get(f"{API}/files/file_01ChartChartChart/content").mock(return_value=httpx.Response(200, content=PNG))
    result = await run_action(catalog.action("anthropic-download-file"), {"fileId": "file_01ChartChartChart"}, auth=AUTH,
                              tmp_dir=tmp_path)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "GET", f"{API}/files/file_01ChartChartChart/content", beta="files-api-2025-04-14")
    assert (tmp_path / "chart.png").read_bytes() == PNG
    assert result.ret == {"fileId": "file_01ChartChartChart", "filePath": "/tmp/chart.png", "size": len(PNG),
                          "mime_type": "image/png"}
    assert result.summary == f"Downloaded chart.png ({len(PNG)} bytes) to /tmp/chart.png"


async def test_download_of_an_uploaded_file_explains_why_not(catalog, respx_mock, tmp_path):
    respx_mock.get(f"{API}/files/{FILE}").mock(return_value=httpx.Response(200, json=_file()))
    content = respx_mock.get(f"{API}/files/{FILE}/content")
    result = await run_action(catalog.action("anthropic-download-file"), {"fileId": FILE}, auth=AUTH, tmp_dir=tmp_path)
    assert "cannot be downloaded" in result.error and "created by Claude" in result.error
    assert not content.calls


async def test_file_options_send_the_beta_header(catalog, respx_mock):
    route = respx_mock.get(f"{API}/files").mock(return_value=httpx.Response(200, json={
        "data": [_file()], "first_id": FILE, "has_more": False, "last_id": FILE,
    }))
    response = await fetch_options(catalog.action("anthropic-delete-file"), "fileId", {}, auth=AUTH)
    assert response["options"] == [{"label": f"document.pdf ({FILE})", "value": FILE}]
    assert response["context"] is None
    assert_request(route.calls.last.request, "GET", f"{API}/files?limit=100", beta="files-api-2025-04-14")


# Errors and rate limits


async def test_an_unknown_model_is_reported_with_its_error_type(catalog, respx_mock):
    respx_mock.post(f"{API}/messages").mock(return_value=httpx.Response(404, json={
        "type": "error", "error": {"type": "not_found_error", "message": "model: claude-9"},
        "request_id": "req_018EeWyXxfu5pfWkrYcMdjWG"}))
    result = await run_action(catalog.action("anthropic-create-message"), {"model": "claude-9", "userMessage": "hi"}, auth=AUTH)
    assert result.ret is None
    assert result.error == (
        "Anthropic API error 404 `not_found_error` on POST /v1/messages: model: claude-9 (check the ID passed "
        "(model, batch or file); list them to find a valid one) [request req_018EeWyXxfu5pfWkrYcMdjWG]"
    )


async def test_an_invalid_request_keeps_anthropics_message(catalog, respx_mock):
    respx_mock.post(f"{API}/messages").mock(return_value=httpx.Response(400, json={
        "type": "error", "error": {"type": "invalid_request_error",
                                   "message": "max_tokens: 100000 > 64000, which is the maximum allowed"}}))
    result = await run_action(catalog.action("anthropic-create-message"), {"userMessage": "hi", "maxTokens": 100000}, auth=AUTH)
    assert "Anthropic (Claude) API error 400" in result.error
    assert "max_tokens: 100000 > 64000" in result.error


async def test_a_low_credit_balance_says_to_fix_billing(catalog, respx_mock):
    respx_mock.post(f"{API}/messages").mock(return_value=httpx.Response(400, json={
        "type": "error", "error": {"type": "invalid_request_error",
                                   "message": "Your credit balance is too low to access the Anthropic API."}}))
    result = await run_action(catalog.action("anthropic-create-message"), {"userMessage": "hi"}, auth=AUTH)
    assert "credit balance is too low" in result.error
    assert "retrying will not help" in result.error


async def test_a_429_says_when_to_retry(catalog, respx_mock):
    respx_mock.post(f"{API}/messages").mock(return_value=httpx.Response(429, headers={"retry-after": "17"}, json={
        "type": "error", "error": {"type": "rate_limit_error",
                                   "message": "This request would exceed the rate limit for your organization."}}))
    result = await run_action(catalog.action("anthropic-create-message"), {"userMessage": "hi"}, auth=AUTH)
    assert "retry after 17 s" in result.error
    assert "would exceed the rate limit" in result.error


async def test_an_overloaded_api_says_to_retry_later(catalog, respx_mock):
    respx_mock.post(f"{API}/messages").mock(return_value=httpx.Response(529, json={
        "type": "error", "error": {"type": "overloaded_error", "message": "Overloaded"}}))
    result = await run_action(catalog.action("anthropic-create-message"), {"userMessage": "hi"}, auth=AUTH)
    assert result.error.startswith("Anthropic API error 529 `overloaded_error`")
    assert "temporarily overloaded; retry in a little while" in result.error


# Account test


async def run_account_test(creds, catalog):
    app = catalog.apps["anthropic"]
    async with httpx.AsyncClient() as client:
        http = AppHttp(client, app_name=app.name, headers=app.headers_for(creds), base_url=app.base_url_for(creds),
                       allowed_domains=app.allowed_domains_for(creds))
        return await app.test(AccountContext(auth=creds, http=http))


async def test_account_test_names_the_organization(catalog, respx_mock):
    route = respx_mock.get(f"{API}/models").mock(return_value=httpx.Response(
        200, json=MODELS_PAGE_1, headers={"anthropic-organization-id": "1a2b3c4d-5e6f-7a8b-9c0d-e1f2a3b4c5d6"}
    ))
    identity = await run_account_test(AUTH, catalog)
    assert identity == Identity(name="Anthropic organization 1a2b3c4d-5e6f-7a8b-9c0d-e1f2a3b4c5d6",
                                external_id="1a2b3c4d-5e6f-7a8b-9c0d-e1f2a3b4c5d6")
    assert_request(route.calls.last.request, "GET", f"{API}/models?limit=1")


async def test_account_test_rejects_a_bad_key(catalog, respx_mock):
    respx_mock.get(f"{API}/models").mock(return_value=httpx.Response(401, json={
        "type": "error", "error": {"type": "authentication_error", "message": "invalid x-api-key"}}))
    with pytest.raises(UpstreamError, match="invalid x-api-key") as raised:
        await run_account_test(AUTH, catalog)
    assert raised.value.status == 401
    assert "reconnect Anthropic" in str(raised.value)
