import json

import httpx

from mcp_gateway.runtime.engine import fetch_options, run_action

API = "https://api.replicate.com/v1"
AUTH = {"api_token": "r8_test_token"}
PREDICTION_ID = "gm3qorzdhgbfurvjtvhg6dckhu"
VERSION = "5c7d5dc6dd8bf75c1acaa8565735e7986bc5b66206b55cca93cb72c9bf15ccaa"


def assert_request(request, method, path, *, params=None, body=None):
    assert request.method == method
    assert str(request.url.copy_with(query=None)) == f"{API}{path}"
    assert dict(request.url.params) == (params or {})
    assert request.headers["authorization"] == "Bearer r8_test_token"
    if body is None:
        assert request.content == b""
    else:
        assert json.loads(request.content) == body


def _prediction(status="succeeded", prediction_id=PREDICTION_ID, **extra):
    return {"id": prediction_id, "model": "replicate/hello-world", "version": VERSION, "input": {"text": "Alice"},
            "logs": "", "output": "hello Alice" if status == "succeeded" else None, "error": None, "status": status,
            "created_at": "2023-09-08T16:19:34.765994Z", "source": "api", "data_removed": False,
            "started_at": "2023-09-08T16:19:34.779176Z", "completed_at": "2023-09-08T16:19:34.791859Z",
            "metrics": {"predict_time": 0.012683},
            "urls": {"web": f"https://replicate.com/p/{prediction_id}", "get": f"{API}/predictions/{prediction_id}",
                     "cancel": f"{API}/predictions/{prediction_id}/cancel"}, **extra}


_SCHEMA = {"components": {"schemas": {"Input": {"type": "object", "required": ["text"], "properties": {
    "text": {"type": "string", "title": "Text", "description": "Text to prefix with 'hello '", "x-order": 0},
    "repeat": {"type": "integer", "description": "How many times", "default": 1, "minimum": 1, "maximum": 5}}}}}}


def _model(owner="replicate", name="hello-world", official=False):
    return {"url": f"https://replicate.com/{owner}/{name}", "owner": owner, "name": name,
            "description": "A tiny model that says hello", "visibility": "public", "github_url": "https://github.com/replicate/cog-examples",
            "paper_url": None, "license_url": None, "run_count": 5681081, "cover_image_url": None, "default_example": None,
            "is_official": official,
            "latest_version": {"id": VERSION, "created_at": "2022-04-26T19:29:04.418669Z", "cog_version": "0.3.0",
                               "openapi_schema": _SCHEMA}}


async def test_create_prediction_runs_the_latest_version_and_waits(catalog, respx_mock):
    model = respx_mock.get(f"{API}/models/replicate/hello-world").mock(return_value=httpx.Response(200, json=_model()))
    route = respx_mock.post(f"{API}/predictions").mock(return_value=httpx.Response(201, json=_prediction()))
    result = await run_action(catalog.action("replicate-create-prediction"), {
        "model": "https://replicate.com/replicate/hello-world", "input": {"text": "Alice"}, "cancelAfter": "5m",
        "webhook": "https://example.com/hooks/replicate", "webhookEventsFilter": ["completed"]}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(model.calls.last.request, "GET", "/models/replicate/hello-world")
    request = route.calls.last.request
    assert_request(request, "POST", "/predictions", body={
        "version": f"replicate/hello-world:{VERSION}", "input": {"text": "Alice"},
        "webhook": "https://example.com/hooks/replicate", "webhook_events_filter": ["completed"]})
    assert request.headers["prefer"] == "wait=60" and request.headers["cancel-after"] == "5m"
    assert result.ret == {"id": PREDICTION_ID, "model": "replicate/hello-world", "version": VERSION, "status": "succeeded",
                          "output": "hello Alice", "error": None, "created_at": "2023-09-08T16:19:34.765994Z",
                          "completed_at": "2023-09-08T16:19:34.791859Z", "predict_time": 0.012683,
                          "web_url": f"https://replicate.com/p/{PREDICTION_ID}"}
    assert result.summary == "Ran replicate/hello-world: succeeded"


async def test_official_models_run_by_name_and_a_pinned_version_skips_the_lookup(catalog, respx_mock):
    respx_mock.get(f"{API}/models/black-forest-labs/flux-schnell").mock(
        return_value=httpx.Response(200, json=_model("black-forest-labs", "flux-schnell", official=True)))
    route = respx_mock.post(f"{API}/predictions").mock(return_value=httpx.Response(
        202, json=_prediction("starting", model="black-forest-labs/flux-schnell", completed_at=None)))
    result = await run_action(catalog.action("replicate-create-prediction"),
                              {"model": "black-forest-labs/flux-schnell", "input": {"prompt": "a fox"}, "wait": 0}, auth=AUTH)
    assert json.loads(route.calls.last.request.content) == {"version": "black-forest-labs/flux-schnell", "input": {"prompt": "a fox"}}
    assert "prefer" not in route.calls.last.request.headers
    assert result.summary.startswith("Started black-forest-labs/flux-schnell as prediction") and "replicate-get-prediction" in result.summary

    calls = len(respx_mock.calls)
    await run_action(catalog.action("replicate-create-prediction"),
                     {"model": "replicate/hello-world", "version": VERSION, "input": {"text": "Bob"}}, auth=AUTH)
    assert len(respx_mock.calls) == calls + 1
    assert json.loads(route.calls.last.request.content)["version"] == f"replicate/hello-world:{VERSION}"


async def test_create_prediction_checks_the_model_name(catalog, respx_mock):
    result = await run_action(catalog.action("replicate-create-prediction"), {"model": "flux", "input": {}}, auth=AUTH)
    assert "write it as `owner/name`" in result.error and not respx_mock.calls


async def test_get_and_cancel_a_prediction(catalog, respx_mock):
    got = respx_mock.get(f"{API}/predictions/{PREDICTION_ID}").mock(return_value=httpx.Response(200, json=_prediction(
        "failed", error="CUDA out of memory", logs="x" * 5000)))
    result = await run_action(catalog.action("replicate-get-prediction"), {"predictionId": PREDICTION_ID}, auth=AUTH)
    assert_request(got.calls.last.request, "GET", f"/predictions/{PREDICTION_ID}")
    assert result.ret["status"] == "failed" and result.ret["error"] == "CUDA out of memory"
    assert result.ret["input"] == {"text": "Alice"} and result.ret["logs"].startswith("[first 1,000 characters cut")
    whole = await run_action(catalog.action("replicate-get-prediction"), {"predictionId": PREDICTION_ID, "fullResponse": True},
                             auth=AUTH)
    assert whole.ret["logs"] == "x" * 5000

    canceled = respx_mock.post(f"{API}/predictions/{PREDICTION_ID}/cancel").mock(
        return_value=httpx.Response(200, json=_prediction("canceled")))
    result = await run_action(catalog.action("replicate-cancel-prediction"), {"predictionId": PREDICTION_ID}, auth=AUTH)
    assert_request(canceled.calls.last.request, "POST", f"/predictions/{PREDICTION_ID}/cancel")
    assert result.ret["status"] == "canceled" and result.summary == f"Prediction {PREDICTION_ID} is canceled"


async def test_list_predictions_splits_and_follows_pages(catalog, respx_mock):
    following = f"{API}/predictions?cursor=cD0yMDIz"
    first_page = {"next": following, "previous": None,
                  "results": [_prediction(prediction_id="p1"), _prediction(prediction_id="p2"), _prediction(prediction_id="p3")]}
    second_page = {"next": None, "previous": f"{API}/predictions", "results": [_prediction(prediction_id="p4")]}
    route = respx_mock.get(url__startswith=f"{API}/predictions").mock(side_effect=[
        httpx.Response(200, json=first_page), httpx.Response(200, json=first_page), httpx.Response(200, json=second_page)])
    action = catalog.action("replicate-list-predictions")
    first = await run_action(action, {"createdAfter": "2023-09-01T00:00:00Z", "limit": 2}, auth=AUTH)
    assert first.error is None, first.error
    assert_request(route.calls[0].request, "GET", "/predictions", params={"created_after": "2023-09-01T00:00:00Z"})
    assert [p["id"] for p in first.ret["predictions"]] == ["p1", "p2"]
    assert "output" not in first.ret["predictions"][0] and first.ret["predictions"][0]["source"] == "api"
    assert first.ret["next_cursor"] == f"2 {API}/predictions?created_after=2023-09-01T00%3A00%3A00Z"

    second = await run_action(action, {"limit": 2, "cursor": first.ret["next_cursor"]}, auth=AUTH)
    assert dict(route.calls[1].request.url.params) == {"created_after": "2023-09-01T00:00:00Z"}
    assert str(route.calls[2].request.url) == following
    assert [p["id"] for p in second.ret["predictions"]] == ["p3", "p4"] and second.ret["next_cursor"] is None


async def test_a_foreign_cursor_is_refused(catalog, respx_mock):
    result = await run_action(catalog.action("replicate-list-predictions"),
                              {"cursor": "0 https://evil.example.com/predictions"}, auth=AUTH)
    assert "is not one this action returned" in result.error and not respx_mock.calls


async def test_get_model_lists_the_inputs_of_its_latest_version(catalog, respx_mock):
    route = respx_mock.get(f"{API}/models/replicate/hello-world").mock(return_value=httpx.Response(200, json=_model()))
    result = await run_action(catalog.action("replicate-get-model"), {"model": "replicate/hello-world"}, auth=AUTH)
    assert_request(route.calls.last.request, "GET", "/models/replicate/hello-world")
    assert result.ret["model"] == "replicate/hello-world" and result.ret["latest_version"] == VERSION
    assert result.ret["inputs"] == {
        "text": {"type": "string", "description": "Text to prefix with 'hello '", "required": True},
        "repeat": {"type": "integer", "description": "How many times", "default": 1, "minimum": 1, "maximum": 5}}


async def test_search_models(catalog, respx_mock):
    route = respx_mock.get(f"{API}/search").mock(return_value=httpx.Response(200, json={
        "query": "nano banana", "pages": [],
        "collections": [{"description": "Models for editing and manipulating images", "models": ["google/nano-banana"],
                         "name": "Image Editing", "slug": "image-editing"}],
        "models": [{"metadata": {"generated_description": "Generate and edit images", "score": 1.38,
                                 "tags": ["text-to-image", "image-editing"]},
                    "model": {**_model("google", "nano-banana", official=True), "description": "Google's image editing model"}}]}))
    result = await run_action(catalog.action("replicate-search-models"), {"query": "nano banana", "limit": 5}, auth=AUTH)
    assert_request(route.calls.last.request, "GET", "/search", params={"query": "nano banana", "limit": "5"})
    assert result.ret["models"][0] == {
        "model": "google/nano-banana", "description": "Google's image editing model", "url": "https://replicate.com/google/nano-banana",
        "visibility": "public", "is_official": True, "run_count": 5681081, "latest_version": VERSION,
        "tags": ["text-to-image", "image-editing"], "score": 1.38}
    assert result.ret["collections"] == [{"slug": "image-editing", "name": "Image Editing",
                                          "description": "Models for editing and manipulating images"}]


async def test_list_model_versions(catalog, respx_mock):
    route = respx_mock.get(f"{API}/models/replicate/hello-world/versions").mock(return_value=httpx.Response(200, json={
        "next": None, "previous": None,
        "results": [{"id": VERSION, "created_at": "2022-04-26T19:29:04.418669Z", "cog_version": "0.3.0", "openapi_schema": _SCHEMA}]}))
    result = await run_action(catalog.action("replicate-list-model-versions"), {"model": "replicate/hello-world"}, auth=AUTH)
    assert_request(route.calls.last.request, "GET", "/models/replicate/hello-world/versions")
    assert result.ret["versions"][0]["id"] == VERSION and result.ret["versions"][0]["inputs"]["text"]["required"] is True
    assert result.ret["next_cursor"] is None


async def test_get_collection_and_its_options(catalog, respx_mock):
    route = respx_mock.get(f"{API}/collections/super-resolution").mock(return_value=httpx.Response(200, json={
        "name": "Super resolution", "slug": "super-resolution", "description": "Upscaling models that create high-quality images.",
        "full_description": None, "models": [_model("nightmareai", "real-esrgan")]}))
    result = await run_action(catalog.action("replicate-get-collection"), {"collection": "super-resolution"}, auth=AUTH)
    assert_request(route.calls.last.request, "GET", "/collections/super-resolution")
    assert result.ret["models"][0]["model"] == "nightmareai/real-esrgan"
    assert result.summary == "Collection 'Super resolution' has 1 models"

    listed = respx_mock.get(f"{API}/collections").mock(side_effect=[
        httpx.Response(200, json={"next": f"{API}/collections?cursor=abc", "previous": None, "results": [
            {"name": "Super resolution", "slug": "super-resolution", "description": "Upscaling models"}]}),
        httpx.Response(200, json={"next": None, "previous": None, "results": [
            {"name": "Text to image", "slug": "text-to-image", "description": "Image generators"}]}),
    ])
    action = catalog.action("replicate-get-collection")
    first = await fetch_options(action, "collection", {}, auth=AUTH)
    assert first["options"] == [{"label": "Super resolution", "value": "super-resolution"}]
    second = await fetch_options(action, "collection", {}, auth=AUTH, page=1, prev_context=first["context"])
    assert str(listed.calls[1].request.url) == f"{API}/collections?cursor=abc"
    assert second["options"][0]["value"] == "text-to-image" and second["context"] is None


async def test_model_options_search_when_typed(catalog, respx_mock):
    respx_mock.get(f"{API}/search").mock(return_value=httpx.Response(200, json={
        "query": "flux", "pages": [], "collections": [], "models": [{"metadata": {}, "model": _model("black-forest-labs", "flux-schnell")}]}))
    respx_mock.get(f"{API}/models").mock(return_value=httpx.Response(200, json={"next": None, "previous": None,
                                                                                 "results": [_model()]}))
    action = catalog.action("replicate-get-model")
    typed = await fetch_options(action, "model", {}, auth=AUTH, query="flux")
    assert typed["options"] == [{"label": "black-forest-labs/flux-schnell", "value": "black-forest-labs/flux-schnell"}]
    browsed = await fetch_options(action, "model", {}, auth=AUTH)
    assert browsed["options"] == [{"label": "replicate/hello-world", "value": "replicate/hello-world"}]


async def test_prediction_options(catalog, respx_mock):
    respx_mock.get(f"{API}/predictions").mock(return_value=httpx.Response(200, json={
        "next": None, "previous": None, "results": [_prediction()]}))
    page = await fetch_options(catalog.action("replicate-get-prediction"), "predictionId", {}, auth=AUTH)
    assert page["options"] == [{"label": "replicate/hello-world succeeded 2023-09-08T16:19:34.765994Z", "value": PREDICTION_ID}]


async def test_invalid_input_credit_and_rate_limit_errors(catalog, respx_mock):
    respx_mock.post(f"{API}/predictions").mock(side_effect=[
        httpx.Response(422, json={"title": "Input validation failed", "detail": "- input.text: text is required", "status": 422}),
        httpx.Response(402, json={"title": "Insufficient credit", "detail": "You have insufficient credit to run this model.",
                                  "status": 402}),
        httpx.Response(429, headers={"Retry-After": "7"},
                       json={"title": "Too many requests", "detail": "Request was throttled. Expected available in 7 seconds.",
                             "status": 429}),
    ])
    action = catalog.action("replicate-create-prediction")
    values = {"model": "replicate/hello-world", "version": VERSION, "input": {}}
    error = (await run_action(action, values, auth=AUTH)).error
    assert "text is required" in error and "openapi_schema" in error
    assert "account/billing" in (await run_action(action, values, auth=AUTH)).error
    assert "rate limited by Replicate; retry after 7 s" in (await run_action(action, values, auth=AUTH)).error
