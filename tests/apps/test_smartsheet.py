import json

import httpx

from mcp_gateway.catalog import AccountContext, AppHttp, Identity
from mcp_gateway.runtime.engine import fetch_options, run_action

API = "https://api.smartsheet.com/2.0"
AUTH = {"oauth_access_token": "ss-oauth-token"}
SHEET = "4583173393803140"
ROW = "2361756178769796"
TASK_COL, DONE_COL = 7960873114331012, 642523719853956


def assert_request(request, method, path, *, params=None, body=None):
    assert request.method == method
    assert str(request.url.copy_with(query=None)) == f"{API}{path}"
    assert dict(request.url.params) == (params or {})
    assert request.headers["authorization"] == "Bearer ss-oauth-token"
    if body is None:
        assert request.content == b""
    else:
        assert json.loads(request.content) == body


COLUMNS = [
    {"id": TASK_COL, "index": 0, "title": "Task", "type": "TEXT_NUMBER", "primary": True, "width": 150},
    {"id": DONE_COL, "index": 1, "title": "Done", "type": "CHECKBOX", "width": 80},
]


def _row(row_id=int(ROW), number=1, task="Call Bob", done=False):
    return {"id": row_id, "rowNumber": number, "expanded": True, "createdAt": "2026-12-01T09:00:00Z",
            "modifiedAt": "2026-12-02T10:00:00Z",
            "cells": [{"columnId": TASK_COL, "value": task, "displayValue": task}, {"columnId": DONE_COL, "value": done}]}


def _sheet(rows, total):
    return {"id": int(SHEET), "name": "Launch plan", "version": 7, "totalRowCount": total, "accessLevel": "OWNER",
            "permalink": "https://app.smartsheet.com/sheets/abc", "createdAt": "2026-11-01T09:00:00Z",
            "modifiedAt": "2026-12-02T10:00:00Z", "columns": COLUMNS, "rows": rows}


def _listing(i):
    return {"id": i, "name": f"Sheet {i}", "accessLevel": "OWNER", "permalink": f"https://app.smartsheet.com/sheets/{i}",
            "createdAt": "2026-11-01T09:00:00Z", "modifiedAt": "2026-12-02T10:00:00Z"}


async def test_list_sheets_pages_behind_a_position_cursor(catalog, respx_mock):
    def page(request):
        number = int(request.url.params["page"])
        return httpx.Response(200, json={"pageNumber": number, "pageSize": 100, "totalPages": 2, "totalCount": 102,
                                         "data": [_listing(i) for i in range((number - 1) * 100, min(number * 100, 102))]})

    route = respx_mock.get(f"{API}/sheets").mock(side_effect=page)
    action = catalog.action("smartsheet-list-sheets")
    first = await run_action(action, {"modifiedSince": "2026-12-01T00:00:00Z", "limit": 99}, auth=AUTH)
    assert first.error is None, first.error
    assert_request(route.calls[0].request, "GET", "/sheets",
                   params={"pageSize": "100", "modifiedSince": "2026-12-01T00:00:00Z", "page": "1"})
    assert first.ret["sheets"][0] == _listing(0) and first.ret["next_cursor"] == "99" and first.ret["total"] == 102
    second = await run_action(action, {"cursor": "99"}, auth=AUTH)
    assert [s["id"] for s in second.ret["sheets"]] == [99, 100, 101] and second.ret["next_cursor"] is None
    assert route.calls[2].request.url.params["page"] == "2"


async def test_get_sheet_keys_cells_by_column_title(catalog, respx_mock):
    route = respx_mock.get(f"{API}/sheets/{SHEET}").mock(return_value=httpx.Response(200, json=_sheet(
        [_row(), _row(2, 2, "Book venue", True)], 2)))
    result = await run_action(catalog.action("smartsheet-get-sheet"), {"sheetId": SHEET}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "GET", f"/sheets/{SHEET}", params={"pageSize": "100", "page": "1"})
    assert result.ret["rows"] == [
        {"id": int(ROW), "row_number": 1, "parent_id": None, "cells": {"Task": "Call Bob", "Done": False},
         "modified_at": "2026-12-02T10:00:00Z"},
        {"id": 2, "row_number": 2, "parent_id": None, "cells": {"Task": "Book venue", "Done": True},
         "modified_at": "2026-12-02T10:00:00Z"}]
    assert result.ret["columns"][0] == {"id": TASK_COL, "title": "Task", "type": "TEXT_NUMBER", "primary": True,
                                        "options": None, "index": 0}
    assert result.ret["next_cursor"] is None and result.summary == "Read 2 of 2 rows of the sheet 'Launch plan'"
    whole = await run_action(catalog.action("smartsheet-get-sheet"), {"sheetId": SHEET, "fullResponse": True}, auth=AUTH)
    assert whole.ret == {**_sheet([_row(), _row(2, 2, "Book venue", True)], 2), "next_cursor": None}


async def test_get_sheet_hands_back_a_cursor_when_rows_remain(catalog, respx_mock):
    respx_mock.get(f"{API}/sheets/{SHEET}").mock(return_value=httpx.Response(200, json=_sheet(
        [_row(i, i) for i in range(1, 101)], 250)))
    result = await run_action(catalog.action("smartsheet-get-sheet"), {"sheetId": SHEET, "limit": 10,
                                                                       "rowsModifiedSince": "2026-12-01"}, auth=AUTH)
    assert dict(respx_mock.calls.last.request.url.params) == {"pageSize": "100", "rowsModifiedSince": "2026-12-01",
                                                              "page": "1"}
    assert len(result.ret["rows"]) == 10 and result.ret["next_cursor"] == "10"


async def test_list_columns(catalog, respx_mock):
    route = respx_mock.get(f"{API}/sheets/{SHEET}/columns").mock(return_value=httpx.Response(200, json={
        "pageNumber": 1, "pageSize": 100, "totalPages": 1, "totalCount": 2, "data": COLUMNS}))
    result = await run_action(catalog.action("smartsheet-list-columns"), {"sheetId": SHEET}, auth=AUTH)
    assert_request(route.calls.last.request, "GET", f"/sheets/{SHEET}/columns", params={"includeAll": "true"})
    assert [c["title"] for c in result.ret] == ["Task", "Done"]


def _columns(respx_mock):
    return respx_mock.get(f"{API}/sheets/{SHEET}/columns").mock(return_value=httpx.Response(200, json={
        "pageNumber": 1, "pageSize": 100, "totalPages": 1, "totalCount": 2, "data": COLUMNS}))


async def test_add_rows_by_column_title(catalog, respx_mock):
    _columns(respx_mock)
    route = respx_mock.post(f"{API}/sheets/{SHEET}/rows").mock(return_value=httpx.Response(200, json={
        "message": "SUCCESS", "resultCode": 0, "version": 8, "result": [{**_row(), "sheetId": int(SHEET)}]}))
    result = await run_action(catalog.action("smartsheet-add-rows"), {
        "sheetId": SHEET, "rows": [{"task": "Call Bob", str(DONE_COL): False}]}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "POST", f"/sheets/{SHEET}/rows", body=[
        {"toBottom": True, "cells": [{"columnId": TASK_COL, "value": "Call Bob"}, {"columnId": DONE_COL, "value": False}]}])
    assert result.ret[0]["id"] == int(ROW) and result.summary == "Added 1 row"


async def test_add_rows_names_the_columns_when_one_is_unknown(catalog, respx_mock):
    _columns(respx_mock)
    result = await run_action(catalog.action("smartsheet-add-rows"), {"sheetId": SHEET, "rows": [{"Owner": "Ada"}]},
                              auth=AUTH)
    assert result.error == "row 1: the sheet has no column 'Owner'; its columns are 'Task', 'Done'"
    assert len(respx_mock.calls) == 1


async def test_update_rows(catalog, respx_mock):
    _columns(respx_mock)
    route = respx_mock.put(f"{API}/sheets/{SHEET}/rows").mock(return_value=httpx.Response(200, json={
        "message": "SUCCESS", "resultCode": 0, "version": 9, "result": [_row(done=True)]}))
    result = await run_action(catalog.action("smartsheet-update-rows"), {
        "sheetId": SHEET, "rows": [{"id": ROW, "cells": {"Done": True}}]}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "PUT", f"/sheets/{SHEET}/rows", body=[
        {"id": int(ROW), "cells": [{"columnId": DONE_COL, "value": True}]}])
    assert result.ret[0]["cells"][str(DONE_COL)] is True
    bad = await run_action(catalog.action("smartsheet-update-rows"), {"sheetId": SHEET, "rows": [{"cells": {}}]}, auth=AUTH)
    assert bad.error.startswith("row 1 must be")


async def test_delete_rows(catalog, respx_mock):
    route = respx_mock.delete(f"{API}/sheets/{SHEET}/rows").mock(return_value=httpx.Response(200, json={
        "message": "SUCCESS", "resultCode": 0, "result": [int(ROW)]}))
    result = await run_action(catalog.action("smartsheet-delete-rows"), {"sheetId": SHEET, "rowIds": [ROW, "5"]}, auth=AUTH)
    assert_request(route.calls.last.request, "DELETE", f"/sheets/{SHEET}/rows",
                   params={"ids": f"{ROW},5", "ignoreRowsNotFound": "true"})
    assert result.ret == {"deleted_row_ids": [int(ROW)]} and result.summary == "Deleted 1 row"


async def test_search(catalog, respx_mock):
    hit = {"objectType": "row", "objectId": int(ROW), "text": "Call Bob", "contextData": ["Row 1"],
           "parentObjectType": "sheet", "parentObjectId": int(SHEET), "parentObjectName": "Launch plan",
           "parentObjectFavorite": False}
    route = respx_mock.get(f"{API}/search").mock(return_value=httpx.Response(200, json={"results": [hit], "totalCount": 1}))
    result = await run_action(catalog.action("smartsheet-search"), {"query": "\"Call Bob\""}, auth=AUTH)
    assert_request(route.calls.last.request, "GET", "/search", params={"query": "\"Call Bob\""})
    assert result.ret == {"results": [{k: v for k, v in hit.items() if k != "parentObjectFavorite"}], "total": 1}


def _comment(text="Looks good"):
    return {"id": 48569348493401, "discussionId": 1848321648732036, "text": text,
            "createdBy": {"name": "Ada Lovelace", "email": "ada@example.com"}, "createdAt": "2026-12-02T11:00:00Z",
            "modifiedAt": "2026-12-02T11:00:00Z"}


async def test_list_discussions_with_their_comments(catalog, respx_mock):
    discussion = {"id": 1848321648732036, "title": "Looks good", "comments": [_comment()], "commentCount": 1,
                  "accessLevel": "OWNER", "parentType": "ROW", "parentId": int(ROW),
                  "lastCommentedUser": {"name": "Ada Lovelace", "email": "ada@example.com"},
                  "lastCommentedAt": "2026-12-02T11:00:00Z", "readOnly": False}
    route = respx_mock.get(f"{API}/sheets/{SHEET}/discussions").mock(return_value=httpx.Response(200, json={
        "pageNumber": 1, "pageSize": 100, "totalPages": 1, "totalCount": 1, "data": [discussion]}))
    result = await run_action(catalog.action("smartsheet-list-discussions"), {"sheetId": SHEET}, auth=AUTH)
    assert_request(route.calls.last.request, "GET", f"/sheets/{SHEET}/discussions",
                   params={"include": "comments", "page": "1", "pageSize": "100"})
    assert result.ret == {"discussions": [{
        "id": 1848321648732036, "title": "Looks good", "parent_type": "ROW", "parent_id": int(ROW), "comment_count": 1,
        "last_commented_at": "2026-12-02T11:00:00Z",
        "comments": [{"id": 48569348493401, "text": "Looks good", "author": "Ada Lovelace",
                      "created_at": "2026-12-02T11:00:00Z"}]}], "next_cursor": None}


async def test_add_comment_on_a_row_in_a_discussion_or_on_the_sheet(catalog, respx_mock):
    created = {"message": "SUCCESS", "resultCode": 0, "result": {
        "id": 1848321648732036, "title": "Looks good", "comments": [_comment()], "commentCount": 1,
        "parentType": "ROW", "parentId": int(ROW)}}
    on_row = respx_mock.post(f"{API}/sheets/{SHEET}/rows/{ROW}/discussions").mock(return_value=httpx.Response(200, json=created))
    reply = respx_mock.post(f"{API}/sheets/{SHEET}/discussions/1848321648732036/comments").mock(
        return_value=httpx.Response(200, json={"message": "SUCCESS", "resultCode": 0, "result": _comment("Thanks")}))
    on_sheet = respx_mock.post(f"{API}/sheets/{SHEET}/discussions").mock(return_value=httpx.Response(200, json={
        **created, "result": {**created["result"], "parentType": "SHEET", "parentId": int(SHEET)}}))
    action = catalog.action("smartsheet-add-comment")

    result = await run_action(action, {"sheetId": SHEET, "rowId": ROW, "text": "Looks good"}, auth=AUTH)
    assert_request(on_row.calls.last.request, "POST", f"/sheets/{SHEET}/rows/{ROW}/discussions",
                   body={"comment": {"text": "Looks good"}})
    assert result.ret["parent_type"] == "ROW" and result.summary == f"Commented on the row {ROW}"

    result = await run_action(action, {"sheetId": SHEET, "discussionId": "1848321648732036", "text": "Thanks"}, auth=AUTH)
    assert_request(reply.calls.last.request, "POST", f"/sheets/{SHEET}/discussions/1848321648732036/comments",
                   body={"text": "Thanks"})
    assert result.ret == {"id": 48569348493401, "text": "Thanks", "author": "Ada Lovelace",
                          "created_at": "2026-12-02T11:00:00Z"}

    result = await run_action(action, {"sheetId": SHEET, "text": "Kickoff notes"}, auth=AUTH)
    assert_request(on_sheet.calls.last.request, "POST", f"/sheets/{SHEET}/discussions",
                   body={"comment": {"text": "Kickoff notes"}})
    assert result.ret["parent_type"] == "SHEET"


async def test_list_workspaces(catalog, respx_mock):
    route = respx_mock.get(f"{API}/workspaces").mock(return_value=httpx.Response(200, json={
        "pageNumber": 1, "pageSize": 100, "totalPages": 1, "totalCount": 1,
        "data": [{"id": 7116448184199044, "name": "Marketing", "accessLevel": "OWNER",
                  "permalink": "https://app.smartsheet.com/workspaces/abc"}]}))
    result = await run_action(catalog.action("smartsheet-list-workspaces"), {}, auth=AUTH)
    assert_request(route.calls.last.request, "GET", "/workspaces", params={"page": "1", "pageSize": "100"})
    assert result.ret == {"workspaces": [{"id": 7116448184199044, "name": "Marketing", "accessLevel": "OWNER",
                                          "permalink": "https://app.smartsheet.com/workspaces/abc"}], "next_cursor": None}


async def test_sheet_and_row_options(catalog, respx_mock):
    sheets = respx_mock.get(f"{API}/sheets").mock(return_value=httpx.Response(200, json={
        "pageNumber": 1, "pageSize": 100, "totalPages": 2, "totalCount": 101, "data": [_listing(1)]}))
    rows = respx_mock.get(f"{API}/sheets/{SHEET}").mock(return_value=httpx.Response(200, json=_sheet([_row()], 1)))
    action = catalog.action("smartsheet-add-comment")
    first = await fetch_options(action, "sheetId", {}, auth=AUTH)
    assert first["options"] == [{"label": "Sheet 1", "value": "1"}] and first["context"] == {"page": 2}
    assert dict(sheets.calls.last.request.url.params) == {"page": "1", "pageSize": "100"}
    found = await fetch_options(action, "rowId", {"sheetId": SHEET}, auth=AUTH)
    assert found["options"] == [{"label": "Row 1: Call Bob", "value": ROW}] and found["context"] is None
    assert dict(rows.calls.last.request.url.params) == {"page": "1", "pageSize": "100"}


async def test_smartsheet_errors_say_what_to_do(catalog, respx_mock):
    respx_mock.get(f"{API}/sheets/{SHEET}").mock(side_effect=[
        httpx.Response(429, headers={"Retry-After": "15"}, json={"errorCode": 4003, "message": "Rate limit exceeded.",
                                                                 "refId": "abc"}),
        httpx.Response(404, json={"errorCode": 1006, "message": "Not Found", "refId": "def"}),
    ])
    action = catalog.action("smartsheet-get-sheet")
    limited = await run_action(action, {"sheetId": SHEET}, auth=AUTH)
    assert "rate limited by Smartsheet; retry after 15 s" in limited.error
    missing = await run_action(action, {"sheetId": SHEET}, auth=AUTH)
    assert "Not Found [errorCode 1006]" in missing.error and "smartsheet-list-sheets" in missing.error


async def account_identity(catalog, auth):
    """What the app's account test finds for new credentials, as the Connect flow runs it."""
    app = catalog.apps["smartsheet"]
    async with httpx.AsyncClient() as client:
        http = AppHttp(client, app_name=app.name, headers=app.headers_for(auth), base_url=app.base_url_for(auth),
                       allowed_domains=app.allowed_domains_for(auth))
        return await app.test(AccountContext(auth=auth, http=http))


async def test_account_test_reads_the_current_user(catalog, respx_mock):
    route = respx_mock.get(f"{API}/users/me").mock(return_value=httpx.Response(200, json={
        "id": 48569348493401, "email": "ada@example.com", "firstName": "Ada", "lastName": "Lovelace",
        "locale": "en_US", "timeZone": "US/Pacific", "account": {"id": 942513719853956, "name": "Acme"}}))
    identity = await account_identity(catalog, AUTH)
    assert_request(route.calls.last.request, "GET", "/users/me")
    assert identity == Identity(name="Ada Lovelace", external_id="48569348493401")
