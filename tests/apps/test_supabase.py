import json

import httpx

from mcp_gateway.catalog import AccountContext, AppHttp
from mcp_gateway.runtime.engine import fetch_options, run_action

BASE = "https://abcdefghijklmnop.supabase.co"
KEY = "eyJhbGciOiJIUzI1NiJ9.service-role"
AUTH = {"api_key": KEY, "project_url": BASE}
ORDER = {"id": 7, "customer": "Ada", "status": "paid", "created_at": "2026-12-01T10:00:00+00:00"}


def assert_request(request, method, path, *, params=None, body=None, prefer=None):
    assert request.method == method
    assert str(request.url.copy_with(query=None)) == f"{BASE}{path}"
    assert dict(request.url.params) == (params or {})
    assert request.headers["apikey"] == KEY
    assert request.headers["authorization"] == f"Bearer {KEY}"
    assert request.headers.get("prefer") == prefer
    if body is None:
        assert request.content == b""
    else:
        assert json.loads(request.content) == body


async def test_select_rows_filters_orders_and_pages_by_offset(catalog, respx_mock):
    route = respx_mock.get(f"{BASE}/rest/v1/orders").mock(side_effect=[
        httpx.Response(200, json=[ORDER, {**ORDER, "id": 8}, {**ORDER, "id": 9}]),
        httpx.Response(200, json=[{**ORDER, "id": 9}]),
    ])
    action = catalog.action("supabase-select-rows")
    props = {"table": "orders", "select": "id,status", "order": "created_at.desc", "limit": 2,
             "filters": {"status": "eq.paid", "customer": "Ada", "total": "gte.10", "note": None, "id": "not.in.(1,2)"}}
    first = await run_action(action, props, auth=AUTH)
    assert first.error is None, first.error
    assert_request(route.calls[0].request, "GET", "/rest/v1/orders", params={
        "select": "id,status", "status": "eq.paid", "customer": "eq.Ada", "total": "gte.10", "note": "is.null",
        "id": "not.in.(1,2)", "order": "created_at.desc", "limit": "3", "offset": "0"})
    assert first.ret == {"rows": [ORDER, {**ORDER, "id": 8}], "next_cursor": "2"}
    second = await run_action(action, {**props, "cursor": first.ret["next_cursor"]}, auth=AUTH)
    assert route.calls[1].request.url.params["offset"] == "2"
    assert second.ret == {"rows": [{**ORDER, "id": 9}], "next_cursor": None}
    assert second.summary == "Read 1 row of orders"


async def test_insert_rows_returns_the_stored_rows(catalog, respx_mock):
    route = respx_mock.post(f"{BASE}/rest/v1/orders").mock(return_value=httpx.Response(201, json=[ORDER]))
    result = await run_action(catalog.action("supabase-insert-rows"),
                              {"table": "orders", "rows": [{"customer": "Ada", "status": "paid"}]}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "POST", "/rest/v1/orders", params={"select": "*"},
                   body=[{"customer": "Ada", "status": "paid"}], prefer="return=representation")
    assert result.ret == {"rows": [ORDER], "count": 1} and result.summary == "Inserted 1 row into orders"


async def test_upsert_rows_merges_on_the_conflict_columns(catalog, respx_mock):
    route = respx_mock.post(f"{BASE}/rest/v1/customers").mock(return_value=httpx.Response(201, json=[{"email": "ada@example.com", "name": "Ada"}]))
    result = await run_action(catalog.action("supabase-upsert-rows"), {
        "table": "customers", "rows": [{"email": "ada@example.com", "name": "Ada"}], "onConflict": "email"}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "POST", "/rest/v1/customers", params={"select": "*", "on_conflict": "email"},
                   body=[{"email": "ada@example.com", "name": "Ada"}], prefer="resolution=merge-duplicates,return=representation")


async def test_update_rows_needs_filters_and_patches_the_matches(catalog, respx_mock):
    action = catalog.action("supabase-update-rows")
    refused = await run_action(action, {"table": "orders", "filters": {}, "values": {"status": "shipped"}}, auth=AUTH)
    assert "give filters naming the rows to update" in refused.error
    assert not respx_mock.calls
    route = respx_mock.patch(f"{BASE}/rest/v1/orders").mock(return_value=httpx.Response(200, json=[{**ORDER, "status": "shipped"}]))
    result = await run_action(action, {"table": "orders", "filters": {"id": "eq.7"}, "values": {"status": "shipped"}}, auth=AUTH)
    assert_request(route.calls.last.request, "PATCH", "/rest/v1/orders", params={"select": "*", "id": "eq.7"},
                   body={"status": "shipped"}, prefer="return=representation")
    assert result.ret["count"] == 1 and result.summary == "Updated 1 row of orders"


async def test_delete_rows_returns_what_was_deleted_and_full_response_the_raw_rows(catalog, respx_mock):
    route = respx_mock.delete(f"{BASE}/rest/v1/orders").mock(return_value=httpx.Response(200, json=[ORDER]))
    action = catalog.action("supabase-delete-rows")
    result = await run_action(action, {"table": "orders", "filters": {"id": "eq.7"}}, auth=AUTH)
    assert_request(route.calls.last.request, "DELETE", "/rest/v1/orders", params={"select": "*", "id": "eq.7"},
                   prefer="return=representation")
    assert result.ret == {"rows": [ORDER], "count": 1}
    full = await run_action(action, {"table": "orders", "filters": {"id": "eq.7"}, "fullResponse": True}, auth=AUTH)
    assert full.ret == [ORDER]


async def test_call_function_posts_named_arguments(catalog, respx_mock):
    route = respx_mock.post(f"{BASE}/rest/v1/rpc/search_products").mock(return_value=httpx.Response(200, json=[{"id": 1, "name": "Lamp"}]))
    result = await run_action(catalog.action("supabase-call-function"),
                              {"function": "search_products", "args": {"query": "lamp", "max_price": 50}}, auth=AUTH)
    assert_request(route.calls.last.request, "POST", "/rest/v1/rpc/search_products", body={"query": "lamp", "max_price": 50})
    assert result.ret == {"result": [{"id": 1, "name": "Lamp"}]} and result.summary == "Called search_products: 1 rows"


async def test_list_storage_objects_pages_by_offset(catalog, respx_mock):
    route = respx_mock.post(f"{BASE}/storage/v1/object/list/invoices").mock(return_value=httpx.Response(200, json=[
        {"name": "2026", "id": None, "updated_at": None, "created_at": None, "last_accessed_at": None, "metadata": None},
        {"name": "0042.pdf", "id": "c5a1d0e4-1111-4c4c-9d9d-222233334444", "updated_at": "2026-12-01T10:00:00.000Z",
         "created_at": "2026-12-01T10:00:00.000Z", "last_accessed_at": "2026-12-01T10:00:00.000Z",
         "metadata": {"eTag": "\"abc\"", "size": 20480, "mimetype": "application/pdf", "cacheControl": "max-age=3600"}},
    ]))
    result = await run_action(catalog.action("supabase-list-storage-objects"),
                              {"bucket": "invoices", "prefix": "/clients/", "limit": 2, "cursor": "4"}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "POST", "/storage/v1/object/list/invoices", body={
        "prefix": "clients", "limit": 2, "offset": 4, "sortBy": {"column": "name", "order": "asc"}})
    assert result.ret == {"objects": [
        {"name": "2026", "id": None, "folder": True, "size": None, "mimetype": None, "updated_at": None},
        {"name": "0042.pdf", "id": "c5a1d0e4-1111-4c4c-9d9d-222233334444", "folder": False, "size": 20480,
         "mimetype": "application/pdf", "updated_at": "2026-12-01T10:00:00.000Z"}], "next_cursor": "6"}


async def test_get_signed_url_returns_a_full_link(catalog, respx_mock):
    route = respx_mock.post(f"{BASE}/storage/v1/object/sign/invoices/2026/0042%20final.pdf").mock(
        return_value=httpx.Response(200, json={"signedURL": "/object/sign/invoices/2026/0042%20final.pdf?token=eyJ.tok"}))
    result = await run_action(catalog.action("supabase-get-signed-url"),
                              {"bucket": "invoices", "path": "2026/0042 final.pdf", "expiresIn": 600}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "POST", "/storage/v1/object/sign/invoices/2026/0042%20final.pdf",
                   body={"expiresIn": 600})
    assert result.ret == {"signed_url": f"{BASE}/storage/v1/object/sign/invoices/2026/0042%20final.pdf?token=eyJ.tok",
                          "expires_in": 600}


async def test_table_function_and_bucket_options(catalog, respx_mock):
    schema = respx_mock.get(f"{BASE}/rest/v1/").mock(return_value=httpx.Response(200, json={
        "swagger": "2.0", "paths": {"/": {}, "/orders": {}, "/customers": {}, "/rpc/search_products": {}}}))
    tables = await fetch_options(catalog.action("supabase-select-rows"), "table", {}, auth=AUTH)
    assert tables["options"] == [{"label": "orders", "value": "orders"}, {"label": "customers", "value": "customers"}]
    assert schema.calls.last.request.headers["accept"] == "application/openapi+json"
    functions = await fetch_options(catalog.action("supabase-call-function"), "function", {}, auth=AUTH)
    assert functions["options"] == [{"label": "search_products", "value": "search_products"}]
    respx_mock.get(f"{BASE}/storage/v1/bucket").mock(return_value=httpx.Response(200, json=[
        {"id": "invoices", "name": "invoices", "owner": "", "public": False, "created_at": "2026-01-01T00:00:00Z",
         "updated_at": "2026-01-01T00:00:00Z"}]))
    buckets = await fetch_options(catalog.action("supabase-get-signed-url"), "bucket", {}, auth=AUTH)
    assert buckets["options"] == [{"label": "invoices", "value": "invoices"}]


async def test_a_project_url_that_is_not_https_is_refused(catalog, respx_mock):
    result = await run_action(catalog.action("supabase-select-rows"), {"table": "orders"},
                              auth={**AUTH, "project_url": "http://abcdefghijklmnop.supabase.co"})
    assert "is not a Supabase project URL" in result.error
    assert not respx_mock.calls


async def test_postgrest_errors_and_rate_limits_say_what_to_do(catalog, respx_mock):
    respx_mock.post(f"{BASE}/rest/v1/customers").mock(side_effect=[
        httpx.Response(409, json={"code": "23505", "details": "Key (email)=(ada@example.com) already exists.", "hint": None,
                                  "message": "duplicate key value violates unique constraint \"customers_email_key\""}),
        httpx.Response(429, headers={"Retry-After": "20"}, json={"message": "Too many requests"}),
    ])
    action = catalog.action("supabase-insert-rows")
    duplicate = await run_action(action, {"table": "customers", "rows": [{"email": "ada@example.com"}]}, auth=AUTH)
    assert "use supabase-upsert-rows to update it instead" in duplicate.error
    assert "Key (email)=(ada@example.com) already exists." in duplicate.error
    limited = await run_action(action, {"table": "customers", "rows": [{"email": "ada@example.com"}]}, auth=AUTH)
    assert "rate limited by Supabase; retry after 20 s" in limited.error


async def _account(app, creds):
    async with httpx.AsyncClient() as client:
        http = AppHttp(client, app_name=app.name, headers=app.headers_for(creds), base_url=app.base_url_for(creds),
                       allowed_domains=app.allowed_domains_for(creds))
        return await app.test(AccountContext(auth=creds, http=http))


async def test_account_test_reads_the_buckets(catalog, respx_mock):
    route = respx_mock.get(f"{BASE}/storage/v1/bucket").mock(return_value=httpx.Response(200, json=[]))
    identity = await _account(catalog.apps["supabase"], AUTH)
    assert_request(route.calls.last.request, "GET", "/storage/v1/bucket")
    assert identity.name == "abcdefghijklmnop.supabase.co"
