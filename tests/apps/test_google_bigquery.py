import json

import httpx

from mcp_gateway.catalog import AccountContext, AppHttp
from mcp_gateway.runtime.engine import fetch_options, run_action

API = "https://bigquery.googleapis.com/bigquery/v2"
AUTH = {"oauth_access_token": "ya29.bigquery-token"}
PROJECT = "my-analytics-123"
TABLE_PATH = f"{API}/projects/{PROJECT}/datasets/sales/tables/orders"
SCHEMA = {"fields": [
    {"name": "name", "type": "STRING", "mode": "NULLABLE"},
    {"name": "total", "type": "INTEGER", "mode": "REQUIRED", "description": "Order total in cents"},
    {"name": "tags", "type": "STRING", "mode": "REPEATED"},
    {"name": "address", "type": "RECORD", "mode": "NULLABLE", "fields": [{"name": "city", "type": "STRING", "mode": "NULLABLE"}]},
]}
ROW = {"f": [{"v": "Ada"}, {"v": "4200"}, {"v": [{"v": "vip"}]}, {"v": {"f": [{"v": "London"}]}}]}
ROW_OBJECT = {"name": "Ada", "total": "4200", "tags": ["vip"], "address": {"city": "London"}}


def assert_request(request, method, url, *, params=None, body=None):
    assert request.method == method
    assert str(request.url.copy_with(query=None)) == url
    assert dict(request.url.params) == (params or {})
    assert request.headers["authorization"] == "Bearer ya29.bigquery-token"
    if body is None:
        assert request.content == b""
    else:
        assert json.loads(request.content) == body


def _query_response(**extra):
    return {"kind": "bigquery#queryResponse", "schema": SCHEMA,
            "jobReference": {"projectId": PROJECT, "jobId": "job_abc123", "location": "EU"},
            "totalRows": "3", "rows": [ROW], "totalBytesProcessed": "1024", "jobComplete": True, "cacheHit": False,
            **extra}


async def test_list_projects_pages_with_the_page_token(catalog, respx_mock):
    route = respx_mock.get(f"{API}/projects").mock(side_effect=[
        httpx.Response(200, json={"kind": "bigquery#projectList", "nextPageToken": "p2", "totalItems": 3, "projects": [
            {"kind": "bigquery#project", "id": PROJECT, "numericId": "1234", "friendlyName": "Analytics",
             "projectReference": {"projectId": PROJECT}}]}),
        httpx.Response(200, json={"kind": "bigquery#projectList", "nextPageToken": "p3", "projects": [
            {"id": "other", "numericId": "5678", "friendlyName": "Other", "projectReference": {"projectId": "other"}}]}),
    ])
    result = await run_action(catalog.action("google_bigquery-list-projects"), {"limit": 2}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls[0].request, "GET", f"{API}/projects", params={"maxResults": "2"})
    assert_request(route.calls[1].request, "GET", f"{API}/projects", params={"maxResults": "1", "pageToken": "p2"})
    assert result.ret == {"projects": [
        {"project_id": PROJECT, "friendly_name": "Analytics", "numeric_id": "1234"},
        {"project_id": "other", "friendly_name": "Other", "numeric_id": "5678"}], "next_cursor": "p3"}


async def test_list_datasets_and_tables(catalog, respx_mock):
    datasets = respx_mock.get(f"{API}/projects/{PROJECT}/datasets").mock(return_value=httpx.Response(200, json={
        "kind": "bigquery#datasetList", "datasets": [{"kind": "bigquery#dataset", "id": f"{PROJECT}:sales",
                                                      "datasetReference": {"projectId": PROJECT, "datasetId": "sales"},
                                                      "location": "EU", "labels": {"team": "finance"}}]}))
    result = await run_action(catalog.action("google_bigquery-list-datasets"),
                              {"projectId": PROJECT, "all": True, "filter": "labels.team:finance"}, auth=AUTH)
    assert_request(datasets.calls.last.request, "GET", f"{API}/projects/{PROJECT}/datasets",
                   params={"all": "true", "filter": "labels.team:finance", "maxResults": "25"})
    assert result.ret == {"datasets": [{"dataset_id": "sales", "project_id": PROJECT, "friendly_name": None,
                                        "location": "EU"}], "next_cursor": None}

    tables = respx_mock.get(f"{API}/projects/{PROJECT}/datasets/sales/tables").mock(return_value=httpx.Response(200, json={
        "kind": "bigquery#tableList", "totalItems": 1, "tables": [
            {"kind": "bigquery#table", "id": f"{PROJECT}:sales.orders", "type": "TABLE", "creationTime": "1764000000000",
             "tableReference": {"projectId": PROJECT, "datasetId": "sales", "tableId": "orders"}}]}))
    result = await run_action(catalog.action("google_bigquery-list-tables"), {"projectId": PROJECT, "datasetId": "sales"},
                              auth=AUTH)
    assert_request(tables.calls.last.request, "GET", f"{API}/projects/{PROJECT}/datasets/sales/tables",
                   params={"maxResults": "25"})
    assert result.ret["tables"] == [{"table_id": "orders", "dataset_id": "sales", "project_id": PROJECT, "type": "TABLE",
                                     "friendly_name": None, "creation_time": "1764000000000"}]


def _table():
    return {"kind": "bigquery#table", "id": f"{PROJECT}:sales.orders", "type": "TABLE", "schema": SCHEMA,
            "tableReference": {"projectId": PROJECT, "datasetId": "sales", "tableId": "orders"}, "numRows": "3",
            "numBytes": "2048", "location": "EU", "lastModifiedTime": "1764000000000", "creationTime": "1763000000000"}


async def test_get_table_schema_lists_columns_and_full_response_returns_the_table(catalog, respx_mock):
    route = respx_mock.get(TABLE_PATH).mock(return_value=httpx.Response(200, json=_table()))
    action = catalog.action("google_bigquery-get-table-schema")
    result = await run_action(action, {"projectId": PROJECT, "datasetId": "sales", "tableId": "orders"}, auth=AUTH)
    assert_request(route.calls.last.request, "GET", TABLE_PATH)
    assert result.ret["columns"] == [
        {"name": "name", "type": "STRING", "mode": "NULLABLE"},
        {"name": "total", "type": "INTEGER", "mode": "REQUIRED", "description": "Order total in cents"},
        {"name": "tags", "type": "STRING", "mode": "REPEATED"},
        {"name": "address", "type": "RECORD", "mode": "NULLABLE", "fields": [{"name": "city", "type": "STRING", "mode": "NULLABLE"}]},
    ]
    assert result.ret["num_rows"] == "3" and result.summary == "Read the schema of sales.orders: 4 columns"
    full = await run_action(action, {"projectId": PROJECT, "datasetId": "sales", "tableId": "orders", "fullResponse": True},
                            auth=AUTH)
    assert full.ret == _table()


async def test_run_query_sends_named_parameters_and_returns_rows_as_objects(catalog, respx_mock):
    route = respx_mock.post(f"{API}/projects/{PROJECT}/queries").mock(
        return_value=httpx.Response(200, json=_query_response(pageToken="tok2")))
    result = await run_action(catalog.action("google_bigquery-run-query"), {
        "projectId": PROJECT, "query": "SELECT * FROM orders WHERE total > @min AND vip = @vip",
        "parameters": {"min": 100, "vip": True, "city": "London"}, "defaultDataset": "sales", "location": "EU",
        "timeoutMs": 20000, "maximumBytesBilled": "1000000000", "limit": 1}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "POST", f"{API}/projects/{PROJECT}/queries", body={
        "query": "SELECT * FROM orders WHERE total > @min AND vip = @vip", "useLegacySql": False, "maxResults": 1,
        "parameterMode": "NAMED", "queryParameters": [
            {"name": "min", "parameterType": {"type": "INT64"}, "parameterValue": {"value": "100"}},
            {"name": "vip", "parameterType": {"type": "BOOL"}, "parameterValue": {"value": "true"}},
            {"name": "city", "parameterType": {"type": "STRING"}, "parameterValue": {"value": "London"}}],
        "defaultDataset": {"projectId": PROJECT, "datasetId": "sales"}, "location": "EU", "timeoutMs": 20000,
        "maximumBytesBilled": "1000000000"})
    assert result.ret == {"job_complete": True, "job_id": "job_abc123", "location": "EU",
                          "columns": ["name", "total", "tags", "address"], "rows": [ROW_OBJECT], "total_rows": "3",
                          "num_dml_affected_rows": None, "total_bytes_processed": "1024", "cache_hit": False,
                          "next_cursor": "tok2"}
    assert result.summary == "The query returned 1 of 3 rows"


async def test_run_query_refuses_array_parameters(catalog, respx_mock):
    result = await run_action(catalog.action("google_bigquery-run-query"),
                              {"projectId": PROJECT, "query": "SELECT 1", "parameters": {"ids": [1, 2]}}, auth=AUTH)
    assert "parameter 'ids' must be a string, a number or true/false" in result.error
    assert not respx_mock.calls


async def test_get_query_results_follows_pages_from_the_cursor(catalog, respx_mock):
    url = f"{API}/projects/{PROJECT}/queries/job_abc123"
    route = respx_mock.get(url).mock(side_effect=[
        httpx.Response(200, json={"kind": "bigquery#getQueryResultsResponse", **_query_response(pageToken="tok3")}),
        httpx.Response(200, json={"kind": "bigquery#getQueryResultsResponse", **_query_response()}),
    ])
    result = await run_action(catalog.action("google_bigquery-get-query-results"), {
        "projectId": PROJECT, "jobId": "job_abc123", "location": "EU", "cursor": "tok2", "limit": 5}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls[0].request, "GET", url, params={"location": "EU", "maxResults": "5", "pageToken": "tok2"})
    assert_request(route.calls[1].request, "GET", url, params={"location": "EU", "maxResults": "4", "pageToken": "tok3"})
    assert result.ret["rows"] == [ROW_OBJECT, ROW_OBJECT] and result.ret["next_cursor"] is None
    assert result.summary == "Read 2 of 3 rows"


async def test_list_table_rows_names_the_selected_columns(catalog, respx_mock):
    respx_mock.get(TABLE_PATH).mock(return_value=httpx.Response(200, json=_table()))
    data = respx_mock.get(f"{TABLE_PATH}/data").mock(return_value=httpx.Response(200, json={
        "kind": "bigquery#tableDataList", "totalRows": "3", "pageToken": "r2", "rows": [{"f": [{"v": "Ada"}, {"v": "4200"}]}]}))
    result = await run_action(catalog.action("google_bigquery-list-table-rows"), {
        "projectId": PROJECT, "datasetId": "sales", "tableId": "orders", "selectedFields": ["total", "name"], "limit": 1},
        auth=AUTH)
    assert result.error is None, result.error
    assert_request(data.calls.last.request, "GET", f"{TABLE_PATH}/data",
                   params={"selectedFields": "total,name", "maxResults": "1"})
    assert result.ret == {"rows": [{"name": "Ada", "total": "4200"}], "total_rows": "3", "next_cursor": "r2"}


async def test_insert_rows_sends_insert_ids_and_reports_refused_rows(catalog, respx_mock):
    route = respx_mock.post(f"{TABLE_PATH}/insertAll").mock(return_value=httpx.Response(200, json={
        "kind": "bigquery#tableDataInsertAllResponse", "insertErrors": [
            {"index": 1, "errors": [{"reason": "invalid", "location": "total", "debugInfo": "",
                                     "message": "Cannot convert value to integer."}]}]}))
    result = await run_action(catalog.action("google_bigquery-insert-rows"), {
        "projectId": PROJECT, "datasetId": "sales", "tableId": "orders", "insertIdColumn": "id",
        "rows": [{"id": "o1", "total": 5}, {"id": "o2", "total": "x"}], "skipInvalidRows": True}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "POST", f"{TABLE_PATH}/insertAll", body={
        "rows": [{"json": {"id": "o1", "total": 5}, "insertId": "o1"}, {"json": {"id": "o2", "total": "x"}, "insertId": "o2"}],
        "skipInvalidRows": True})
    assert result.ret == {"inserted": 1, "errors": [{"index": 1, "errors": [
        {"reason": "invalid", "location": "total", "message": "Cannot convert value to integer."}]}]}
    assert result.summary == "Inserted 1 of 2 rows into sales.orders"


async def test_project_dataset_and_table_options(catalog, respx_mock):
    respx_mock.get(f"{API}/projects").mock(return_value=httpx.Response(200, json={"nextPageToken": "p2", "projects": [
        {"id": PROJECT, "friendlyName": "Analytics", "projectReference": {"projectId": PROJECT}}]}))
    action = catalog.action("google_bigquery-insert-rows")
    projects = await fetch_options(action, "projectId", {}, auth=AUTH)
    assert projects["options"] == [{"label": "Analytics", "value": PROJECT}] and projects["context"] == {"pageToken": "p2"}
    respx_mock.get(f"{API}/projects/{PROJECT}/datasets").mock(return_value=httpx.Response(200, json={
        "datasets": [{"datasetReference": {"projectId": PROJECT, "datasetId": "sales"}}]}))
    datasets = await fetch_options(action, "datasetId", {"projectId": PROJECT}, auth=AUTH)
    assert datasets["options"] == [{"label": "sales", "value": "sales"}]
    respx_mock.get(f"{API}/projects/{PROJECT}/datasets/sales/tables").mock(return_value=httpx.Response(200, json={
        "tables": [{"tableReference": {"projectId": PROJECT, "datasetId": "sales", "tableId": "orders"}}]}))
    tables = await fetch_options(action, "tableId", {"projectId": PROJECT, "datasetId": "sales"}, auth=AUTH)
    assert tables["options"] == [{"label": "orders", "value": "orders"}]
    early = await fetch_options(action, "tableId", {"projectId": PROJECT}, auth=AUTH)
    assert "choose the project (projectId) and dataset (datasetId) first" in early["errors"][0]


async def test_a_bad_query_and_a_rate_limit_say_what_to_do(catalog, respx_mock):
    respx_mock.post(f"{API}/projects/{PROJECT}/queries").mock(side_effect=[
        httpx.Response(400, json={"error": {"code": 400, "message": "Unrecognized name: totl at [1:8]", "status": "INVALID_ARGUMENT",
                                            "errors": [{"message": "Unrecognized name: totl at [1:8]", "domain": "global",
                                                        "reason": "invalidQuery", "location": "q", "locationType": "parameter"}]}}),
        httpx.Response(403, headers={"Retry-After": "12"}, json={"error": {"code": 403, "message": "Exceeded rate limits",
                                                                           "errors": [{"reason": "rateLimitExceeded", "domain": "usageLimits", "message": "Exceeded rate limits"}]}}),
    ])
    action = catalog.action("google_bigquery-run-query")
    bad = await run_action(action, {"projectId": PROJECT, "query": "SELECT totl FROM sales.orders"}, auth=AUTH)
    assert "the SQL is not valid BigQuery GoogleSQL" in bad.error
    limited = await run_action(action, {"projectId": PROJECT, "query": "SELECT 1"}, auth=AUTH)
    assert "rate limited by BigQuery; retry after 12 s" in limited.error


async def _account(app, creds):
    async with httpx.AsyncClient() as client:
        http = AppHttp(client, app_name=app.name, headers=app.headers_for(creds), base_url=app.base_url_for(creds),
                       allowed_domains=app.allowed_domains_for(creds))
        return await app.test(AccountContext(auth=creds, http=http))


async def test_account_test_lists_one_project(catalog, respx_mock):
    route = respx_mock.get(f"{API}/projects").mock(return_value=httpx.Response(200, json={"kind": "bigquery#projectList", "projects": []}))
    assert await _account(catalog.apps["google_bigquery"], AUTH) is None
    assert_request(route.calls.last.request, "GET", f"{API}/projects", params={"maxResults": "1"})
