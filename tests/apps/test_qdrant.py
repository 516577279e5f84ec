import json

import httpx

from mcp_gateway.catalog import AccountContext, AppHttp
from mcp_gateway.runtime.engine import fetch_options, run_action

BASE = "https://xyz-example.eu-central.aws.cloud.qdrant.io:6333"
AUTH = {"api_key": "qdrant-key-1", "cluster_url": BASE}
UUID = "5c56c793-69f3-4fbf-87e6-c4bf54c28c26"


def assert_request(request, method, path, *, params=None, body=None):
    assert request.method == method
    assert str(request.url.copy_with(query=None)) == f"{BASE}{path}"
    assert dict(request.url.params) == (params or {})
    assert request.headers["api-key"] == "qdrant-key-1"
    if body is None:
        assert request.content == b""
    else:
        assert json.loads(request.content) == body


def _ok(result):
    return {"result": result, "status": "ok", "time": 0.002}


def _update():
    return _ok({"operation_id": 12, "status": "completed"})


async def test_list_collections_and_their_options(catalog, respx_mock):
    route = respx_mock.get(f"{BASE}/collections").mock(return_value=httpx.Response(200, json=_ok(
        {"collections": [{"name": "documents"}, {"name": "images"}]})))
    result = await run_action(catalog.action("qdrant-list-collections"), {}, auth=AUTH)
    assert_request(route.calls.last.request, "GET", "/collections")
    assert result.ret == {"collections": ["documents", "images"]} and result.summary == "Listed 2 collections"
    options = await fetch_options(catalog.action("qdrant-scroll-points"), "collection", {}, auth=AUTH)
    assert options["options"] == [{"label": "documents", "value": "documents"}, {"label": "images", "value": "images"}]


def _info():
    return {"status": "green", "optimizer_status": "ok", "indexed_vectors_count": 1200, "points_count": 1250,
            "segments_count": 2, "config": {"params": {"vectors": {"size": 1536, "distance": "Cosine"}, "shard_number": 1},
                                            "hnsw_config": {"m": 16, "ef_construct": 100}},
            "payload_schema": {"city": {"data_type": "keyword", "points": 1250}}}


async def test_get_collection_trims_and_full_response_returns_the_info(catalog, respx_mock):
    route = respx_mock.get(f"{BASE}/collections/documents").mock(return_value=httpx.Response(200, json=_ok(_info())))
    action = catalog.action("qdrant-get-collection")
    result = await run_action(action, {"collection": "documents"}, auth=AUTH)
    assert_request(route.calls.last.request, "GET", "/collections/documents")
    assert result.ret == {"status": "green", "points_count": 1250, "indexed_vectors_count": 1200,
                          "vectors": {"size": 1536, "distance": "Cosine"},
                          "payload_schema": {"city": {"data_type": "keyword", "points": 1250}}}
    full = await run_action(action, {"collection": "documents", "fullResponse": True}, auth=AUTH)
    assert full.ret == _info()


async def test_create_collection_puts_the_vector_settings(catalog, respx_mock):
    route = respx_mock.put(f"{BASE}/collections/documents").mock(return_value=httpx.Response(200, json=_ok(True)))
    result = await run_action(catalog.action("qdrant-create-collection"),
                              {"name": "documents", "size": 1536, "distance": "Dot", "onDisk": True}, auth=AUTH)
    assert_request(route.calls.last.request, "PUT", "/collections/documents",
                   body={"vectors": {"size": 1536, "distance": "Dot", "on_disk": True}})
    assert result.ret["created"] is True


async def test_upsert_points_turns_numeric_ids_into_integers(catalog, respx_mock):
    route = respx_mock.put(f"{BASE}/collections/documents/points").mock(return_value=httpx.Response(200, json=_update()))
    result = await run_action(catalog.action("qdrant-upsert-points"), {"collection": "documents", "points": [
        {"id": "1", "vector": [0.05, 0.61], "payload": {"city": "London"}}, {"id": UUID, "vector": [0.19, 0.81]}]}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "PUT", "/collections/documents/points", params={"wait": "true"}, body={
        "points": [{"id": 1, "vector": [0.05, 0.61], "payload": {"city": "London"}}, {"id": UUID, "vector": [0.19, 0.81]}]})
    assert result.ret == {"operation_id": 12, "status": "completed"}


async def test_query_points_searches_near_a_vector_with_a_filter(catalog, respx_mock):
    route = respx_mock.post(f"{BASE}/collections/documents/points/query").mock(return_value=httpx.Response(200, json=_ok({
        "points": [{"id": 1, "version": 3, "score": 0.91, "payload": {"city": "London"}}]})))
    where = {"must": [{"key": "city", "match": {"value": "London"}}]}
    result = await run_action(catalog.action("qdrant-query-points"), {
        "collection": "documents", "vector": [0.2, 0.1], "filter": where, "scoreThreshold": 0.5, "limit": 3}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "POST", "/collections/documents/points/query", body={
        "query": [0.2, 0.1], "limit": 3, "with_payload": True, "with_vector": False, "filter": where, "score_threshold": 0.5})
    assert result.ret == {"points": [{"id": 1, "score": 0.91, "payload": {"city": "London"}}]}


async def test_query_points_needs_a_vector_or_a_point(catalog, respx_mock):
    result = await run_action(catalog.action("qdrant-query-points"), {"collection": "documents"}, auth=AUTH)
    assert "give a query `vector`" in result.error
    assert not respx_mock.calls


async def test_scroll_points_pages_with_the_next_page_offset(catalog, respx_mock):
    route = respx_mock.post(f"{BASE}/collections/documents/points/scroll").mock(side_effect=[
        httpx.Response(200, json=_ok({"points": [{"id": 1, "payload": {"city": "London"}}], "next_page_offset": 2})),
        httpx.Response(200, json=_ok({"points": [{"id": 2, "payload": {"city": "Paris"}}], "next_page_offset": None})),
    ])
    action = catalog.action("qdrant-scroll-points")
    first = await run_action(action, {"collection": "documents", "limit": 1}, auth=AUTH)
    assert_request(route.calls[0].request, "POST", "/collections/documents/points/scroll",
                   body={"limit": 1, "with_payload": True, "with_vector": False})
    assert first.ret == {"points": [{"id": 1, "payload": {"city": "London"}}], "next_cursor": "2"}
    second = await run_action(action, {"collection": "documents", "limit": 1, "cursor": "2"}, auth=AUTH)
    assert json.loads(route.calls[1].request.content)["offset"] == 2
    assert second.ret["next_cursor"] is None


async def test_count_and_delete_points(catalog, respx_mock):
    where = {"must": [{"key": "doc_id", "match": {"value": "42"}}]}
    count = respx_mock.post(f"{BASE}/collections/documents/points/count").mock(return_value=httpx.Response(200, json=_ok({"count": 7})))
    result = await run_action(catalog.action("qdrant-count-points"), {"collection": "documents", "filter": where}, auth=AUTH)
    assert_request(count.calls.last.request, "POST", "/collections/documents/points/count", body={"exact": True, "filter": where})
    assert result.ret == {"count": 7}

    delete = respx_mock.post(f"{BASE}/collections/documents/points/delete").mock(return_value=httpx.Response(200, json=_update()))
    action = catalog.action("qdrant-delete-points")
    await run_action(action, {"collection": "documents", "ids": ["1", UUID], "wait": False}, auth=AUTH)
    assert_request(delete.calls.last.request, "POST", "/collections/documents/points/delete", params={"wait": "false"},
                   body={"points": [1, UUID]})
    await run_action(action, {"collection": "documents", "filter": where}, auth=AUTH)
    assert json.loads(delete.calls.last.request.content) == {"filter": where}
    both = await run_action(action, {"collection": "documents", "ids": ["1"], "filter": where}, auth=AUTH)
    assert "give either `ids` or a `filter`" in both.error


async def test_errors_say_what_to_do(catalog, respx_mock):
    respx_mock.put(f"{BASE}/collections/documents/points").mock(side_effect=[
        httpx.Response(400, json={"status": {"error": "Wrong input: Vector dimension error: expected dim: 1536, got 2"}, "time": 0.0}),
        httpx.Response(429, headers={"Retry-After": "5"}, json={"status": {"error": "Too many requests"}, "time": 0.0}),
    ])
    action = catalog.action("qdrant-upsert-points")
    props = {"collection": "documents", "points": [{"id": 1, "vector": [0.1, 0.2]}]}
    wrong = await run_action(action, props, auth=AUTH)
    assert "expected dim: 1536" in wrong.error and "see its size with qdrant-get-collection" in wrong.error
    limited = await run_action(action, props, auth=AUTH)
    assert "rate limited by Qdrant; retry after 5 s" in limited.error


async def _account(app, creds):
    async with httpx.AsyncClient() as client:
        http = AppHttp(client, app_name=app.name, headers=app.headers_for(creds), base_url=app.base_url_for(creds),
                       allowed_domains=app.allowed_domains_for(creds))
        return await app.test(AccountContext(auth=creds, http=http))


async def test_account_test_lists_the_collections(catalog, respx_mock):
    route = respx_mock.get(f"{BASE}/collections").mock(return_value=httpx.Response(200, json=_ok({"collections": []})))
    identity = await _account(catalog.apps["qdrant"], AUTH)
    assert_request(route.calls.last.request, "GET", "/collections")
    assert identity.name == "xyz-example.eu-central.aws.cloud.qdrant.io"
