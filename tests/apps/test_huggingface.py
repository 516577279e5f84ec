import json

import httpx

from mcp_gateway.runtime.engine import fetch_options, run_action

HUB = "https://huggingface.co/api"
ROUTER = "https://router.huggingface.co"
AUTH = {"api_token": "hf_test_token"}


def assert_request(request, method, url, *, params=None, body=None):
    assert request.method == method
    assert str(request.url.copy_with(query=None)) == url
    assert sorted(request.url.params.multi_items()) == sorted(params or [])
    assert request.headers["authorization"] == "Bearer hf_test_token"
    if body is None:
        assert request.content == b""
    else:
        assert json.loads(request.content) == body


def _model(model_id="meta-llama/Llama-3.1-8B-Instruct", **extra):
    return {"_id": "669ecd1e6f3dc5d1c8a4e7e9", "id": model_id, "author": model_id.split("/")[0], "likes": 4512,
            "trendingScore": 42, "private": False, "gated": "manual", "downloads": 5301234, "library_name": "transformers",
            "pipeline_tag": "text-generation", "lastModified": "2024-09-25T17:00:57.000Z",
            "tags": ["transformers", "safetensors", "llama", "text-generation", "en", "license:llama3.1"],
            "createdAt": "2024-07-18T08:56:00.000Z", "modelId": model_id, **extra}


def _next(url):
    return {"Link": f'<{url}>; rel="next"'}


async def test_search_models_sends_filters_and_pages_by_link_header(catalog, respx_mock):
    following = f"{HUB}/models?pipeline_tag=text-generation&limit=2&cursor=eyIkb3IiOlt7Il9pZCI6eyIkZ3QiOiI2In19XX0%3D"
    route = respx_mock.get(url__startswith=f"{HUB}/models").mock(side_effect=[
        httpx.Response(200, json=[_model(), _model("Qwen/Qwen2.5-7B-Instruct")], headers=_next(following)),
        httpx.Response(200, json=[_model("mistralai/Mistral-7B-Instruct-v0.3")]),
    ])
    action = catalog.action("huggingface-search-models")
    first = await run_action(action, {"search": "instruct", "author": "meta-llama", "pipelineTag": "text-generation",
                                      "filter": ["transformers", "en"], "inferenceProvider": "all", "sort": "downloads",
                                      "limit": 2}, auth=AUTH)
    assert first.error is None, first.error
    assert_request(route.calls[0].request, "GET", f"{HUB}/models", params=[
        ("search", "instruct"), ("author", "meta-llama"), ("pipeline_tag", "text-generation"), ("filter", "transformers"),
        ("filter", "en"), ("inference_provider", "all"), ("sort", "downloads"), ("limit", "2")])
    assert first.ret["next_cursor"] == following
    assert first.ret["models"][0] == {
        "id": "meta-llama/Llama-3.1-8B-Instruct", "author": "meta-llama", "likes": 4512, "trending_score": 42,
        "last_modified": "2024-09-25T17:00:57.000Z", "private": False, "gated": "manual",
        "url": "https://huggingface.co/meta-llama/Llama-3.1-8B-Instruct", "pipeline_tag": "text-generation",
        "library_name": "transformers", "downloads": 5301234}
    second = await run_action(action, {"limit": 2, "cursor": following}, auth=AUTH)
    assert str(route.calls[1].request.url) == following
    assert second.ret["next_cursor"] is None and second.ret["models"][0]["id"] == "mistralai/Mistral-7B-Instruct-v0.3"


async def test_a_cursor_from_elsewhere_is_refused(catalog, respx_mock):
    result = await run_action(catalog.action("huggingface-search-models"),
                              {"cursor": "https://evil.example.com/api/models?cursor=x"}, auth=AUTH)
    assert "is not one this action returned" in result.error and not respx_mock.calls


async def test_get_model_reads_card_files_and_providers(catalog, respx_mock):
    model = _model(cardData={"license": "llama3.1", "language": ["en", "de"], "base_model": "meta-llama/Llama-3.1-8B"},
                   sha="0e9e39f249a16976918f6564b8830bc894c89659",
                   siblings=[{"rfilename": "config.json"}, {"rfilename": "model-00001-of-00004.safetensors"}],
                   inferenceProviderMapping=[{"provider": "groq", "providerId": "llama-3.1-8b-instant", "status": "live",
                                              "task": "conversational"}])
    route = respx_mock.get(f"{HUB}/models/meta-llama/Llama-3.1-8B-Instruct").mock(return_value=httpx.Response(200, json=model))
    result = await run_action(catalog.action("huggingface-get-model"),
                              {"modelId": "https://huggingface.co/meta-llama/Llama-3.1-8B-Instruct"}, auth=AUTH)
    assert result.error is None, result.error
    request = route.calls.last.request
    assert request.headers["authorization"] == "Bearer hf_test_token"
    assert "inferenceProviderMapping" in request.url.params.get_list("expand")
    assert result.ret["license"] == "llama3.1" and result.ret["languages"] == ["en", "de"]
    assert result.ret["files"] == ["config.json", "model-00001-of-00004.safetensors"]
    assert result.ret["inference_providers"] == [{"provider": "groq", "status": "live", "task": "conversational"}]
    whole = await run_action(catalog.action("huggingface-get-model"),
                             {"modelId": "meta-llama/Llama-3.1-8B-Instruct", "fullResponse": True}, auth=AUTH)
    assert whole.ret == model


async def test_search_and_get_datasets(catalog, respx_mock):
    dataset = {"_id": "621ffdd236468d709f181d5e", "id": "rajpurkar/squad", "author": "rajpurkar", "likes": 312,
               "downloads": 85211, "trendingScore": 3, "private": False, "gated": False, "lastModified": "2024-03-04T13:54:37.000Z",
               "description": "Stanford Question Answering Dataset (SQuAD) is a reading comprehension dataset...",
               "tags": ["task_categories:question-answering", "language:en"], "createdAt": "2022-03-02T23:29:22.000Z"}
    listed = respx_mock.get(f"{HUB}/datasets").mock(return_value=httpx.Response(200, json=[dataset]))
    result = await run_action(catalog.action("huggingface-search-datasets"),
                              {"search": "squad", "filter": ["language:en"], "limit": 10}, auth=AUTH)
    assert_request(listed.calls.last.request, "GET", f"{HUB}/datasets", params=[
        ("search", "squad"), ("filter", "language:en"), ("sort", "trendingScore"), ("limit", "10")])
    assert result.ret["datasets"][0]["url"] == "https://huggingface.co/datasets/rajpurkar/squad"
    assert result.ret["next_cursor"] is None

    detail = {**dataset, "sha": "7b6d24c440a36b6815f21b70d25016731768db1f", "citation": "@article{2016arXiv160605250R, ...}",
              "cardData": {"license": "cc-by-sa-4.0", "task_categories": ["question-answering"], "language": ["en"],
                           "configs": [{"config_name": "plain_text", "data_files": []}]},
              "siblings": [{"rfilename": "README.md"}, {"rfilename": "plain_text/train-00000-of-00001.parquet"}]}
    got = respx_mock.get(f"{HUB}/datasets/rajpurkar/squad").mock(return_value=httpx.Response(200, json=detail))
    result = await run_action(catalog.action("huggingface-get-dataset"), {"datasetId": "rajpurkar/squad"}, auth=AUTH)
    assert_request(got.calls.last.request, "GET", f"{HUB}/datasets/rajpurkar/squad")
    assert result.ret["configs"] == ["plain_text"] and result.ret["license"] == "cc-by-sa-4.0"
    assert result.summary == "Read the dataset rajpurkar/squad (85211 downloads)"


async def test_search_spaces(catalog, respx_mock):
    route = respx_mock.get(f"{HUB}/spaces").mock(return_value=httpx.Response(200, json=[{
        "_id": "6475b2cb8e2c3ab2ef6a2b1f", "id": "openai/whisper", "author": "openai", "likes": 2100, "trendingScore": 5,
        "sdk": "gradio", "private": False, "lastModified": "2024-01-01T00:00:00.000Z", "createdAt": "2022-09-21T00:00:00.000Z",
        "tags": ["gradio"], "runtime": {"stage": "RUNNING", "hardware": {"current": "zero-a10g"}}}]))
    result = await run_action(catalog.action("huggingface-search-spaces"),
                              {"search": "whisper", "models": ["openai/whisper-large-v3"], "sort": "likes"}, auth=AUTH)
    assert_request(route.calls.last.request, "GET", f"{HUB}/spaces", params=[
        ("search", "whisper"), ("models", "openai/whisper-large-v3"), ("sort", "likes"), ("limit", "25")])
    assert result.ret["spaces"][0]["sdk"] == "gradio" and result.ret["spaces"][0]["stage"] == "RUNNING"
    assert result.ret["spaces"][0]["url"] == "https://huggingface.co/spaces/openai/whisper"


async def test_get_current_user(catalog, respx_mock):
    route = respx_mock.get(f"{HUB}/whoami-v2").mock(return_value=httpx.Response(200, json={
        "type": "user", "id": "60f0608166e5701b80ed3f02", "name": "ada", "fullname": "Ada Lovelace", "email": "ada@example.com",
        "emailVerified": True, "isPro": False, "canPay": True,
        "orgs": [{"type": "org", "name": "acme", "fullname": "Acme", "roleInOrg": "admin"}],
        "auth": {"type": "access_token", "accessToken": {"displayName": "agents", "role": "fineGrained"}}}))
    result = await run_action(catalog.action("huggingface-get-current-user"), {}, auth=AUTH)
    assert_request(route.calls.last.request, "GET", f"{HUB}/whoami-v2")
    assert result.ret == {"name": "ada", "fullname": "Ada Lovelace", "type": "user", "email": "ada@example.com",
                          "is_pro": False, "orgs": [{"name": "acme", "role": "admin"}],
                          "token": {"name": "agents", "role": "fineGrained"}}
    assert result.summary == "Connected as ada (Ada Lovelace)"


async def test_chat_completion_goes_through_the_router(catalog, respx_mock):
    route = respx_mock.post(f"{ROUTER}/v1/chat/completions").mock(return_value=httpx.Response(200, json={
        "id": "chatcmpl-4f2a", "object": "chat.completion", "created": 1765099200, "model": "meta-llama/Llama-3.1-8B-Instruct",
        "choices": [{"index": 0, "finish_reason": "stop", "message": {"role": "assistant", "content": "Paris."}}],
        "usage": {"prompt_tokens": 20, "completion_tokens": 2, "total_tokens": 22}}))
    result = await run_action(catalog.action("huggingface-chat-completion"), {
        "model": "meta-llama/Llama-3.1-8B-Instruct:groq", "prompt": "Capital of France?", "systemPrompt": "Be brief.",
        "maxTokens": 50, "temperature": 0.2, "seed": 3}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "POST", f"{ROUTER}/v1/chat/completions", body={
        "model": "meta-llama/Llama-3.1-8B-Instruct:groq",
        "messages": [{"role": "system", "content": "Be brief."}, {"role": "user", "content": "Capital of France?"}],
        "max_tokens": 50, "temperature": 0.2, "seed": 3})
    assert result.ret == {"id": "chatcmpl-4f2a", "model": "meta-llama/Llama-3.1-8B-Instruct", "answer": "Paris.",
                          "finish_reason": "stop", "usage": {"prompt_tokens": 20, "completion_tokens": 2, "total_tokens": 22}}


async def test_chat_model_options_search_and_page(catalog, respx_mock):
    following = f"{HUB}/models?pipeline_tag=text-generation&cursor=abc"
    route = respx_mock.get(url__startswith=f"{HUB}/models").mock(side_effect=[
        httpx.Response(200, json=[_model()], headers=_next(following)),
        httpx.Response(200, json=[_model("Qwen/Qwen2.5-7B-Instruct")]),
    ])
    action = catalog.action("huggingface-chat-completion")
    first = await fetch_options(action, "model", {}, auth=AUTH, query="llama")
    assert first["options"] == [{"label": "meta-llama/Llama-3.1-8B-Instruct", "value": "meta-llama/Llama-3.1-8B-Instruct"}]
    assert sorted(route.calls[0].request.url.params.multi_items()) == sorted([
        ("pipeline_tag", "text-generation"), ("inference_provider", "all"), ("sort", "trendingScore"), ("limit", "100"),
        ("search", "llama")])
    second = await fetch_options(action, "model", {}, auth=AUTH, page=1, prev_context=first["context"])
    assert str(route.calls[1].request.url) == following and second["context"] is None


async def test_text_to_image_saves_the_image(catalog, respx_mock, tmp_path):
    route = respx_mock.post(f"{ROUTER}/hf-inference/models/black-forest-labs/FLUX.1-schnell").mock(
        return_value=httpx.Response(200, content=b"\x89PNG-bytes", headers={"content-type": "image/png"}))
    result = await run_action(catalog.action("huggingface-text-to-image"), {
        "prompt": "a watercolor lighthouse", "width": 1024, "height": 768, "numInferenceSteps": 4, "seed": 1}, auth=AUTH,
        tmp_dir=tmp_path)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "POST", f"{ROUTER}/hf-inference/models/black-forest-labs/FLUX.1-schnell", body={
        "inputs": "a watercolor lighthouse", "parameters": {"width": 1024, "height": 768, "num_inference_steps": 4, "seed": 1}})
    assert result.ret == {"filePath": "/tmp/image.png", "size": 10, "contentType": "image/png",
                          "model": "black-forest-labs/FLUX.1-schnell"}
    assert (tmp_path / "image.png").read_bytes() == b"\x89PNG-bytes"


async def test_image_model_options(catalog, respx_mock):
    route = respx_mock.get(f"{HUB}/models").mock(return_value=httpx.Response(200, json=[
        _model("black-forest-labs/FLUX.1-schnell", pipeline_tag="text-to-image")]))
    page = await fetch_options(catalog.action("huggingface-text-to-image"), "model", {}, auth=AUTH)
    assert page["options"] == [{"label": "black-forest-labs/FLUX.1-schnell", "value": "black-forest-labs/FLUX.1-schnell"}]
    assert route.calls.last.request.url.params["inference_provider"] == "hf-inference"


async def test_gated_repos_credits_and_rate_limits_say_what_to_do(catalog, respx_mock):
    respx_mock.get(f"{HUB}/models/meta-llama/Llama-3.1-8B-Instruct").mock(return_value=httpx.Response(
        403, headers={"X-Error-Code": "GatedRepo"}, json={"error": "Access to model meta-llama/Llama-3.1-8B-Instruct is restricted."}))
    error = (await run_action(catalog.action("huggingface-get-model"), {"modelId": "meta-llama/Llama-3.1-8B-Instruct"},
                              auth=AUTH)).error
    assert "is restricted" in error and "accept its conditions" in error

    respx_mock.post(f"{ROUTER}/v1/chat/completions").mock(side_effect=[
        httpx.Response(402, json={"error": "You have exceeded your monthly included credits for Inference Providers."}),
        httpx.Response(429, headers={"Retry-After": "20"}, json={"error": {"message": "Rate limit reached"}}),
    ])
    action = catalog.action("huggingface-chat-completion")
    values = {"model": "openai/gpt-oss-120b", "prompt": "hi"}
    assert "settings/billing" in (await run_action(action, values, auth=AUTH)).error
    error = (await run_action(action, values, auth=AUTH)).error
    assert "Rate limit reached" in error and "rate limited by Hugging Face; retry after 20 s" in error
