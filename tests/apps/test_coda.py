import json

import httpx

from mcp_gateway.runtime.engine import fetch_options, run_action

API = "https://coda.io/apis/v1"
AUTH = {"api_token": "coda-token-1"}
DOC = "AbCDeFGH"
TABLE = "grid-pqRst-U"
ROW = "i-tuVwxYz"


def _doc(doc_id=DOC, name="Product Launch Hub"):
    return {"id": doc_id, "type": "doc", "href": f"{API}/docs/{doc_id}", "browserLink": f"https://coda.io/d/_d{doc_id}",
            "name": name, "owner": "user@example.com", "ownerName": "Some User",
            "createdAt": "2018-04-11T00:18:57.946Z", "updatedAt": "2018-04-11T00:18:57.946Z",
            "workspace": {"id": "ws-1Ab234", "type": "workspace", "browserLink": "https://coda.io/docs?workspaceId=ws-1Ab234",
                          "name": "My workspace"},
            "folder": {"id": "fl-1Ab234", "type": "folder", "browserLink": "https://coda.io/docs?folderId=fl-1Ab234",
                       "name": "My docs"},
            "workspaceId": "ws-1Ab234", "folderId": "fl-1Ab234"}


def _row(row_id=ROW, name="Apple"):
    return {"id": row_id, "type": "row", "href": f"{API}/docs/{DOC}/tables/{TABLE}/rows/{row_id}", "name": name,
            "index": 7, "browserLink": f"https://coda.io/d/_d{DOC}#Teams-and-Tasks_tpqRst-U/_r{row_id}",
            "createdAt": "2018-04-11T00:18:57.946Z", "updatedAt": "2018-04-11T00:18:57.946Z",
            "values": {"Name": name, "Status": "Done"}}


def _row_summary(row):
    return {"id": row["id"], "name": row["name"], "index": 7, "values": row["values"], "browser_link": row["browserLink"],
            "updated_at": row["updatedAt"]}


def assert_request(request, method, path, *, params=None, body=None):
    assert request.method == method
    assert str(request.url.copy_with(query=None)) == f"{API}{path}"
    assert dict(request.url.params) == (params or {})
    assert request.headers["authorization"] == "Bearer coda-token-1"
    if body is None:
        assert request.content == b""
    else:
        assert json.loads(request.content) == body


async def test_list_docs_follows_page_tokens_up_to_the_limit(catalog, respx_mock):
    route = respx_mock.get(f"{API}/docs").mock(side_effect=[
        httpx.Response(200, json={"items": [_doc(), _doc("D2", "Roadmap")], "href": f"{API}/docs?limit=3",
                                  "nextPageToken": "eyJsaW1pd", "nextPageLink": f"{API}/docs?pageToken=eyJsaW1pd"}),
        httpx.Response(200, json={"items": [_doc("D3", "Notes")], "href": f"{API}/docs?pageToken=eyJsaW1pd",
                                  "nextPageToken": "p3", "nextPageLink": f"{API}/docs?pageToken=p3"}),
    ])
    result = await run_action(catalog.action("coda-list-docs"), {"query": "launch", "isOwner": True, "limit": 3}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls[0].request, "GET", "/docs", params={"query": "launch", "isOwner": "true", "limit": "3"})
    assert_request(route.calls[1].request, "GET", "/docs", params={"query": "launch", "isOwner": "true", "limit": "1",
                                                                   "pageToken": "eyJsaW1pd"})
    assert result.ret["docs"][0] == {"id": DOC, "name": "Product Launch Hub", "browser_link": f"https://coda.io/d/_d{DOC}",
                                     "owner": "user@example.com", "owner_name": "Some User",
                                     "created_at": "2018-04-11T00:18:57.946Z", "updated_at": "2018-04-11T00:18:57.946Z",
                                     "workspace": "My workspace", "folder": "My docs"}
    assert len(result.ret["docs"]) == 3 and result.ret["next_cursor"] == "p3"


async def test_list_tables_and_columns(catalog, respx_mock):
    tables = respx_mock.get(f"{API}/docs/{DOC}/tables").mock(return_value=httpx.Response(200, json={"items": [
        {"id": TABLE, "type": "table", "tableType": "table", "href": f"{API}/docs/{DOC}/tables/{TABLE}",
         "browserLink": f"https://coda.io/d/_d{DOC}#Teams-and-Tasks_tpqRst-U", "name": "Tasks",
         "parent": {"id": "canvas-IjkLmnO", "type": "page", "href": f"{API}/docs/{DOC}/pages/canvas-IjkLmnO",
                    "browserLink": f"https://coda.io/d/_d{DOC}/Launch-Status_sumnO", "name": "Launch Status"}}],
        "href": f"{API}/docs/{DOC}/tables"}))
    result = await run_action(catalog.action("coda-list-tables"), {"docId": DOC, "tableTypes": ["table", "view"]}, auth=AUTH)
    assert_request(tables.calls.last.request, "GET", f"/docs/{DOC}/tables", params={"tableTypes": "table,view", "limit": "25"})
    assert result.ret == {"tables": [{"id": TABLE, "name": "Tasks", "table_type": "table", "page": "Launch Status",
                                      "browser_link": f"https://coda.io/d/_d{DOC}#Teams-and-Tasks_tpqRst-U"}], "next_cursor": None}

    columns = respx_mock.get(f"{API}/docs/{DOC}/tables/{TABLE}/columns").mock(return_value=httpx.Response(200, json={"items": [
        {"id": "c-tuVwxYz", "type": "column", "name": "Status", "href": f"{API}/docs/{DOC}/tables/{TABLE}/columns/c-tuVwxYz",
         "display": True, "calculated": False, "format": {"type": "text", "isArray": False}}]}))
    result = await run_action(catalog.action("coda-list-columns"), {"docId": DOC, "tableId": TABLE, "visibleOnly": True}, auth=AUTH)
    assert_request(columns.calls.last.request, "GET", f"/docs/{DOC}/tables/{TABLE}/columns", params={"visibleOnly": "true", "limit": "25"})
    assert result.ret["columns"] == [{"id": "c-tuVwxYz", "name": "Status", "type": "text", "is_array": False,
                                      "display": True, "calculated": False, "formula": None}]


async def test_list_rows_matches_a_column_value_by_name(catalog, respx_mock):
    route = respx_mock.get(f"{API}/docs/{DOC}/tables/{TABLE}/rows").mock(return_value=httpx.Response(200, json={
        "items": [_row()], "href": f"{API}/docs/{DOC}/tables/{TABLE}/rows", "nextSyncToken": "eyJsaW1p"}))
    result = await run_action(catalog.action("coda-list-rows"), {
        "docId": DOC, "tableId": TABLE, "queryColumn": "Status", "queryValue": "Done", "valueFormat": "simpleWithArrays",
        "sortBy": "natural"}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "GET", f"/docs/{DOC}/tables/{TABLE}/rows", params={
        "useColumnNames": "true", "query": '"Status":"Done"', "sortBy": "natural", "valueFormat": "simpleWithArrays", "limit": "25"})
    assert result.ret == {"rows": [_row_summary(_row())], "next_cursor": None}

    await run_action(catalog.action("coda-list-rows"), {"docId": DOC, "tableId": TABLE, "queryColumn": "c-tuVwxYz",
                                                        "queryValue": 42, "useColumnNames": False}, auth=AUTH)
    assert dict(route.calls.last.request.url.params) == {"useColumnNames": "false", "query": "c-tuVwxYz:42", "limit": "25"}


async def test_get_row_and_its_full_response(catalog, respx_mock):
    row = {**_row(), "parent": {"id": TABLE, "type": "table", "tableType": "table", "name": "Tasks"}}
    route = respx_mock.get(f"{API}/docs/{DOC}/tables/{TABLE}/rows/{ROW}").mock(return_value=httpx.Response(200, json=row))
    result = await run_action(catalog.action("coda-get-row"), {"docId": DOC, "tableId": TABLE, "rowId": ROW}, auth=AUTH)
    assert_request(route.calls.last.request, "GET", f"/docs/{DOC}/tables/{TABLE}/rows/{ROW}", params={"useColumnNames": "true"})
    assert result.ret == _row_summary(row) and result.summary == "Read the row 'Apple'"
    whole = await run_action(catalog.action("coda-get-row"), {"docId": DOC, "tableId": TABLE, "rowId": ROW, "fullResponse": True}, auth=AUTH)
    assert whole.ret == row


async def test_upsert_rows_sends_cells_and_key_columns(catalog, respx_mock):
    route = respx_mock.post(f"{API}/docs/{DOC}/tables/{TABLE}/rows").mock(return_value=httpx.Response(202, json={
        "requestId": "abc-123-def-456", "addedRowIds": ["i-bCdeFgh", "i-CdEfgHi"]}))
    result = await run_action(catalog.action("coda-upsert-rows"), {
        "docId": DOC, "tableId": TABLE, "rows": [{"Name": "Ada", "Status": "Done"}, {"Name": "Bob", "Status": "Open"}],
        "keyColumns": ["Name"], "disableParsing": True}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "POST", f"/docs/{DOC}/tables/{TABLE}/rows", params={"disableParsing": "true"}, body={
        "rows": [{"cells": [{"column": "Name", "value": "Ada"}, {"column": "Status", "value": "Done"}]},
                 {"cells": [{"column": "Name", "value": "Bob"}, {"column": "Status", "value": "Open"}]}],
        "keyColumns": ["Name"]})
    assert result.ret == {"requestId": "abc-123-def-456", "addedRowIds": ["i-bCdeFgh", "i-CdEfgHi"]}
    assert result.summary == "Queued 2 rows for upsert; request abc-123-def-456"
    empty = await run_action(catalog.action("coda-upsert-rows"), {"docId": DOC, "tableId": TABLE, "rows": [{}]}, auth=AUTH)
    assert empty.error.startswith("give the row as an object of column to value")


async def test_update_and_delete_a_row(catalog, respx_mock):
    path = f"/docs/{DOC}/tables/{TABLE}/rows/{ROW}"
    updated = respx_mock.put(f"{API}{path}").mock(return_value=httpx.Response(202, json={"requestId": "req-1", "id": ROW}))
    result = await run_action(catalog.action("coda-update-row"), {"docId": DOC, "tableId": TABLE, "rowId": ROW,
                                                                  "values": {"Status": "Done"}}, auth=AUTH)
    assert_request(updated.calls.last.request, "PUT", path, body={"row": {"cells": [{"column": "Status", "value": "Done"}]}})
    assert result.ret == {"requestId": "req-1", "id": ROW}

    deleted = respx_mock.delete(f"{API}{path}").mock(return_value=httpx.Response(202, json={"requestId": "req-2", "id": ROW}))
    result = await run_action(catalog.action("coda-delete-row"), {"docId": DOC, "tableId": TABLE, "rowId": ROW}, auth=AUTH)
    assert_request(deleted.calls.last.request, "DELETE", path)
    assert result.summary == f"Queued the deletion of row {ROW}; request req-2"


async def test_get_formula_value(catalog, respx_mock):
    route = respx_mock.get(f"{API}/docs/{DOC}/formulas/f-fgHijkLm").mock(return_value=httpx.Response(200, json={
        "id": "f-fgHijkLm", "type": "formula", "href": f"{API}/docs/{DOC}/formulas/f-fgHijkLm", "name": "Sum of expenses",
        "value": "$12.34", "parent": {"id": "canvas-IjkLmnO", "type": "page", "name": "Launch Status"}}))
    result = await run_action(catalog.action("coda-get-formula"), {"docId": DOC, "formula": "f-fgHijkLm"}, auth=AUTH)
    assert_request(route.calls.last.request, "GET", f"/docs/{DOC}/formulas/f-fgHijkLm")
    assert result.ret == {"id": "f-fgHijkLm", "name": "Sum of expenses", "value": "$12.34", "page": "Launch Status"}


async def test_get_mutation_status(catalog, respx_mock):
    route = respx_mock.get(f"{API}/mutationStatus/abc-123-def-456").mock(return_value=httpx.Response(200, json={"completed": True}))
    result = await run_action(catalog.action("coda-get-mutation-status"), {"requestId": "abc-123-def-456"}, auth=AUTH)
    assert_request(route.calls.last.request, "GET", "/mutationStatus/abc-123-def-456")
    assert result.ret == {"request_id": "abc-123-def-456", "completed": True, "warning": None}
    assert result.summary == "The change has been applied"


async def test_doc_table_row_and_formula_options(catalog, respx_mock):
    docs = respx_mock.get(f"{API}/docs").mock(side_effect=[
        httpx.Response(200, json={"items": [_doc()], "nextPageToken": "t2"}),
        httpx.Response(200, json={"items": [_doc("D2", "Roadmap")]}),
    ])
    action = catalog.action("coda-get-row")
    first = await fetch_options(action, "docId", {}, auth=AUTH)
    assert first["options"] == [{"label": "Product Launch Hub", "value": DOC}] and first["context"] == {"pageToken": "t2"}
    second = await fetch_options(action, "docId", {}, auth=AUTH, page=1, prev_context=first["context"])
    assert second["options"] == [{"label": "Roadmap", "value": "D2"}] and second["context"] is None
    assert dict(docs.calls[1].request.url.params) == {"limit": "100", "pageToken": "t2"}

    respx_mock.get(f"{API}/docs/{DOC}/tables").mock(return_value=httpx.Response(200, json={"items": [
        {"id": TABLE, "type": "table", "tableType": "table", "name": "Tasks"}]}))
    assert (await fetch_options(action, "tableId", {"docId": DOC}, auth=AUTH))["options"] == [{"label": "Tasks", "value": TABLE}]
    respx_mock.get(f"{API}/docs/{DOC}/tables/{TABLE}/rows").mock(return_value=httpx.Response(200, json={"items": [_row()]}))
    assert (await fetch_options(action, "rowId", {"docId": DOC, "tableId": TABLE}, auth=AUTH))["options"] == [{"label": "Apple", "value": ROW}]
    respx_mock.get(f"{API}/docs/{DOC}/formulas").mock(return_value=httpx.Response(200, json={"items": [
        {"id": "f-fgHijkLm", "type": "formula", "name": "Sum of expenses"}]}))
    page = await fetch_options(catalog.action("coda-get-formula"), "formula", {"docId": DOC}, auth=AUTH)
    assert page["options"] == [{"label": "Sum of expenses", "value": "f-fgHijkLm"}]
    missing = await fetch_options(action, "rowId", {"docId": DOC}, auth=AUTH)
    assert "choose tableId first" in str(missing)


async def test_a_missing_doc_and_a_rate_limit(catalog, respx_mock):
    respx_mock.get(f"{API}/docs/{DOC}/tables").mock(side_effect=[
        httpx.Response(404, json={"statusCode": 404, "statusMessage": "Not Found", "message": "Doc not found"}),
        httpx.Response(429, headers={"Retry-After": "6"}, json={"statusCode": 429, "statusMessage": "Too Many Requests",
                                                               "message": "Rate limit exceeded"}),
    ])
    action = catalog.action("coda-list-tables")
    missing = (await run_action(action, {"docId": DOC}, auth=AUTH)).error
    assert "Doc not found" in missing and "coda-list-docs" in missing
    assert "rate limited by Coda; retry after 6 s" in (await run_action(action, {"docId": DOC}, auth=AUTH)).error
