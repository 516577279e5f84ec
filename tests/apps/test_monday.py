import json

import httpx

from mcp_gateway.catalog import AccountContext, AppHttp, Identity
from mcp_gateway.runtime.engine import fetch_options, run_action

API = "https://api.monday.com/v2"
AUTH = {"oauth_access_token": "monday-oauth-token"}
BOARD = "1234567890"
ITEM = "9876543210"


def sent(request):
    """The GraphQL query and variables of one request, after checking where and how it went."""
    assert request.method == "POST"
    assert str(request.url) == API
    assert request.headers["authorization"] == "Bearer monday-oauth-token"
    assert request.headers["api-version"] == "2025-07"
    body = json.loads(request.content)
    return " ".join(body["query"].split()), body.get("variables")


def _item(item_id=ITEM, name="Launch checklist", **extra):
    return {"id": item_id, "name": name, "state": "active", "created_at": "2026-12-01T09:00:00Z",
            "updated_at": "2026-12-02T10:00:00Z", "url": f"https://acme.monday.com/boards/{BOARD}/pulses/{item_id}",
            "group": {"id": "topics", "title": "This week"},
            "column_values": [
                {"id": "status", "type": "status", "text": "Working on it",
                 "value": "{\"index\":0,\"post_id\":null,\"changed_at\":\"2026-12-02T10:00:00.000Z\"}",
                 "column": {"title": "Status"}},
                {"id": "date4", "type": "date", "text": "2026-12-24", "value": "{\"date\":\"2026-12-24\"}",
                 "column": {"title": "Due"}}],
            **extra}


def _summary(item_id=ITEM, name="Launch checklist"):
    return {"id": item_id, "name": name, "state": "active", "group": {"id": "topics", "title": "This week"},
            "board": None, "columns": {"status": {"title": "Status", "type": "status", "text": "Working on it"},
                                       "date4": {"title": "Due", "type": "date", "text": "2026-12-24"}},
            "created_at": "2026-12-01T09:00:00Z", "updated_at": "2026-12-02T10:00:00Z",
            "url": f"https://acme.monday.com/boards/{BOARD}/pulses/{item_id}"}


def _board(board_id=BOARD, name="Roadmap"):
    return {"id": board_id, "name": name, "description": None, "state": "active", "board_kind": "public",
            "workspace_id": "55", "url": f"https://acme.monday.com/boards/{board_id}", "updated_at": "2026-12-02T10:00:00Z"}


async def test_list_boards_reads_pages_of_100_behind_a_position_cursor(catalog, respx_mock):
    route = respx_mock.post(API).mock(side_effect=[
        httpx.Response(200, json={"data": {"boards": [_board(str(i)) for i in range(100)]}, "account_id": 1}),
        httpx.Response(200, json={"data": {"boards": [_board("100"), _board("101")]}, "account_id": 1}),
    ])
    action = catalog.action("monday-list-boards")
    first = await run_action(action, {"workspaceIds": ["55"], "limit": 30, "cursor": "80"}, auth=AUTH)
    assert first.error is None, first.error
    query, variables = sent(route.calls[0].request)
    assert query.startswith("query ($limit: Int, $page: Int, $state: State, $workspaceIds: [ID]) { boards(limit: $limit,")
    assert variables == {"limit": 100, "state": "active", "workspaceIds": ["55"], "page": 1}
    assert sent(route.calls[1].request)[1]["page"] == 2
    assert [b["id"] for b in first.ret["boards"]] == [str(i) for i in range(80, 102)]
    assert first.ret["boards"][0] == _board("80") and first.ret["next_cursor"] is None


async def test_get_board_returns_group_ids_and_column_ids_with_status_labels(catalog, respx_mock):
    settings = "{\"labels\":{\"0\":\"Working on it\",\"1\":\"Done\",\"2\":\"Stuck\"}}"
    board = {**_board(), "groups": [{"id": "topics", "title": "This week", "color": "#579bfc", "position": "65536",
                                     "archived": False}],
             "columns": [{"id": "name", "title": "Name", "type": "name", "settings_str": "{}"},
                         {"id": "status", "title": "Status", "type": "status", "settings_str": settings}]}
    route = respx_mock.post(API).mock(return_value=httpx.Response(200, json={"data": {"boards": [board]}}))
    result = await run_action(catalog.action("monday-get-board"), {"boardId": BOARD}, auth=AUTH)
    assert result.error is None, result.error
    query, variables = sent(route.calls.last.request)
    assert "groups { id title color position archived } columns { id title type settings_str }" in query
    assert variables == {"ids": [BOARD]}
    assert result.ret["groups"] == [{"id": "topics", "title": "This week", "archived": False}]
    assert result.ret["columns"] == [{"id": "name", "title": "Name", "type": "name"},
                                     {"id": "status", "title": "Status", "type": "status", "settings": settings}]
    assert result.summary == "Read the board 'Roadmap': 1 group, 2 columns"
    whole = await run_action(catalog.action("monday-get-board"), {"boardId": BOARD, "fullResponse": True}, auth=AUTH)
    assert whole.ret == board


async def test_list_items_follows_monday_cursors_to_the_limit(catalog, respx_mock):
    route = respx_mock.post(API).mock(side_effect=[
        httpx.Response(200, json={"data": {"boards": [{"items_page": {"cursor": "MSw5NzI4", "items": [_item()]}}]}}),
        httpx.Response(200, json={"data": {"next_items_page": {"cursor": "MSw5NzI5", "items": [_item("2", "Two")]}}}),
    ])
    action = catalog.action("monday-list-items")
    result = await run_action(action, {"boardId": BOARD, "nameContains": "Launch", "limit": 2}, auth=AUTH)
    assert result.error is None, result.error
    query, variables = sent(route.calls[0].request)
    assert "boards(ids: $ids) { items_page(limit: $limit, query_params: $queryParams) { cursor items {" in query
    assert variables == {"ids": [BOARD], "limit": 2, "queryParams": {"rules": [
        {"column_id": "name", "compare_value": ["Launch"], "operator": "contains_text"}]}}
    query, variables = sent(route.calls[1].request)
    assert "next_items_page(cursor: $cursor, limit: $limit)" in query and variables == {"cursor": "MSw5NzI4", "limit": 1}
    assert result.ret == {"items": [_summary(), _summary("2", "Two")], "next_cursor": "MSw5NzI5"}


async def test_list_items_in_a_group_and_from_a_cursor(catalog, respx_mock):
    route = respx_mock.post(API).mock(side_effect=[
        httpx.Response(200, json={"data": {"boards": [{"groups": [{"items_page": {"cursor": None, "items": [_item()]}}]}]}}),
        httpx.Response(200, json={"data": {"next_items_page": {"cursor": None, "items": [_item("3", "Three")]}}}),
    ])
    action = catalog.action("monday-list-items")
    result = await run_action(action, {"boardId": BOARD, "groupId": "topics"}, auth=AUTH)
    query, variables = sent(route.calls[0].request)
    assert "groups(ids: $groups) { items_page(limit: $limit, query_params: $queryParams)" in query
    assert variables == {"ids": [BOARD], "limit": 25, "groups": ["topics"]}
    assert result.ret == {"items": [_summary()], "next_cursor": None}
    later = await run_action(action, {"boardId": BOARD, "cursor": "MSw5NzI5"}, auth=AUTH)
    assert sent(route.calls[1].request)[1] == {"cursor": "MSw5NzI5", "limit": 25}
    assert later.ret["items"][0]["id"] == "3"


async def test_get_item_with_subitems_and_latest_updates(catalog, respx_mock):
    item = _item(creator_id="123", board={"id": BOARD, "name": "Roadmap"}, subitems=[{"id": "77", "name": "Design"}],
                 updates=[{"id": "555", "text_body": "On track", "created_at": "2026-12-02T11:00:00Z",
                           "creator": {"id": "123", "name": "Ada"}}])
    route = respx_mock.post(API).mock(return_value=httpx.Response(200, json={"data": {"items": [item]}}))
    result = await run_action(catalog.action("monday-get-item"), {"itemId": ITEM}, auth=AUTH)
    assert result.error is None, result.error
    query, variables = sent(route.calls.last.request)
    assert "items(ids: $ids)" in query and "updates(limit: 10) { id text_body created_at creator { id name } }" in query
    assert variables == {"ids": [ITEM]}
    assert result.ret == {**_summary(), "board": {"id": BOARD, "name": "Roadmap"}, "creator_id": "123",
                          "subitems": [{"id": "77", "name": "Design"}],
                          "updates": [{"id": "555", "text": "On track", "created_at": "2026-12-02T11:00:00Z",
                                       "creator": {"id": "123", "name": "Ada"}}]}

    respx_mock.post(API).mock(return_value=httpx.Response(200, json={"data": {"items": []}}))
    missing = await run_action(catalog.action("monday-get-item"), {"itemId": "1"}, auth=AUTH)
    assert "find items with monday-list-items" in missing.error


async def test_create_item_sends_column_values_as_a_json_string(catalog, respx_mock):
    route = respx_mock.post(API).mock(return_value=httpx.Response(200, json={"data": {"create_item": _item()}}))
    result = await run_action(catalog.action("monday-create-item"), {
        "boardId": BOARD, "itemName": "Launch checklist", "groupId": "topics",
        "columnValues": {"status": {"label": "Working on it"}, "date4": {"date": "2026-12-24"}},
        "createLabelsIfMissing": True}, auth=AUTH)
    assert result.error is None, result.error
    query, variables = sent(route.calls.last.request)
    assert "create_item(board_id: $boardId, group_id: $groupId, item_name: $itemName, column_values: $columnValues," in query
    assert variables == {"boardId": BOARD, "itemName": "Launch checklist", "groupId": "topics",
                         "columnValues": "{\"status\": {\"label\": \"Working on it\"}, \"date4\": {\"date\": \"2026-12-24\"}}",
                         "createLabels": True}
    assert result.ret == _summary() and result.summary == f"Created the item 'Launch checklist' (ID {ITEM})"


async def test_update_item_columns_and_a_column_error_in_words(catalog, respx_mock):
    route = respx_mock.post(API).mock(side_effect=[
        httpx.Response(200, json={"data": {"change_multiple_column_values": _item()}}),
        httpx.Response(200, json={"errors": [{"message": "invalid value, please check our API documentation for the "
                                                         "correct data structure for this column",
                                              "extensions": {"code": "ColumnValueException", "status_code": 200,
                                                             "error_data": {"column_id": "status"}}}],
                                  "account_id": 1}),
    ])
    action = catalog.action("monday-update-item-columns")
    result = await run_action(action, {"boardId": BOARD, "itemId": ITEM, "columnValues": {"status": {"label": "Done"}}},
                              auth=AUTH)
    assert result.error is None, result.error
    query, variables = sent(route.calls[0].request)
    assert "change_multiple_column_values(board_id: $boardId, item_id: $itemId, column_values: $columnValues," in query
    assert variables == {"boardId": BOARD, "itemId": ITEM, "columnValues": "{\"status\": {\"label\": \"Done\"}}"}
    failed = await run_action(action, {"boardId": BOARD, "itemId": ITEM, "columnValues": {"status": "Done"}}, auth=AUTH)
    assert "[ColumnValueException]" in failed.error and "status `{\"label\": \"Done\"}`" in failed.error
    empty = await run_action(action, {"boardId": BOARD, "itemId": ITEM, "columnValues": {}}, auth=AUTH)
    assert "must be a non-empty object of column IDs" in empty.error
    assert len(route.calls) == 2


async def test_move_and_delete_an_item(catalog, respx_mock):
    route = respx_mock.post(API).mock(side_effect=[
        httpx.Response(200, json={"data": {"move_item_to_group": {"id": ITEM, "name": "Launch checklist",
                                                                  "group": {"id": "done", "title": "Done"}}}}),
        httpx.Response(200, json={"data": {"delete_item": {"id": ITEM}}}),
    ])
    moved = await run_action(catalog.action("monday-move-item"), {"itemId": ITEM, "groupId": "done"}, auth=AUTH)
    query, variables = sent(route.calls[0].request)
    assert "move_item_to_group(item_id: $itemId, group_id: $groupId)" in query
    assert variables == {"itemId": ITEM, "groupId": "done"}
    assert moved.summary == "Moved the item 'Launch checklist' to the group 'Done'"
    deleted = await run_action(catalog.action("monday-delete-item"), {"itemId": ITEM}, auth=AUTH)
    query, variables = sent(route.calls[1].request)
    assert query == "mutation ($itemId: ID!) { delete_item(item_id: $itemId) { id } }" and variables == {"itemId": ITEM}
    assert deleted.ret == {"id": ITEM, "deleted": True}


async def test_create_update_as_a_reply(catalog, respx_mock):
    route = respx_mock.post(API).mock(return_value=httpx.Response(200, json={"data": {"create_update": {
        "id": "556", "item_id": ITEM, "body": "<p>Shipped</p>", "text_body": "Shipped",
        "created_at": "2026-12-03T08:00:00Z"}}}))
    result = await run_action(catalog.action("monday-create-update"),
                              {"itemId": ITEM, "body": "<p>Shipped</p>", "parentId": "555"}, auth=AUTH)
    query, variables = sent(route.calls.last.request)
    assert "create_update(item_id: $itemId, body: $body, parent_id: $parentId)" in query
    assert variables == {"itemId": ITEM, "body": "<p>Shipped</p>", "parentId": "555"}
    assert result.ret == {"id": "556", "item_id": ITEM, "text": "Shipped", "created_at": "2026-12-03T08:00:00Z"}


async def test_list_users_by_kind(catalog, respx_mock):
    user = {"id": "123", "name": "Ada Lovelace", "email": "ada@example.com", "title": "CTO", "enabled": True,
            "is_admin": True, "is_guest": False, "is_pending": False, "url": "https://acme.monday.com/users/123"}
    route = respx_mock.post(API).mock(return_value=httpx.Response(200, json={"data": {"users": [user]}}))
    result = await run_action(catalog.action("monday-list-users"), {"kind": "non_guests", "emails": ["ada@example.com"]},
                              auth=AUTH)
    query, variables = sent(route.calls.last.request)
    assert "users(limit: $limit, page: $page, kind: $kind, emails: $emails, name: $name)" in query
    assert variables == {"limit": 100, "kind": "non_guests", "emails": ["ada@example.com"], "page": 1}
    assert result.ret == {"users": [{"id": "123", "name": "Ada Lovelace", "email": "ada@example.com", "title": "CTO",
                                     "enabled": True, "is_admin": True, "is_guest": False}], "next_cursor": None}


async def test_board_group_and_item_options(catalog, respx_mock):
    route = respx_mock.post(API).mock(side_effect=[
        httpx.Response(200, json={"data": {"boards": [{"id": BOARD, "name": "Roadmap"}]}}),
        httpx.Response(200, json={"data": {"boards": [{"groups": [{"id": "topics", "title": "This week"}]}]}}),
        httpx.Response(200, json={"data": {"boards": [{"items_page": {"cursor": "C2", "items": [{"id": ITEM, "name": "A"}]}}]}}),
        httpx.Response(200, json={"data": {"next_items_page": {"cursor": None, "items": [{"id": "2", "name": "B"}]}}}),
    ])
    action = catalog.action("monday-create-item")
    boards = await fetch_options(action, "boardId", {}, auth=AUTH)
    assert boards["options"] == [{"label": "Roadmap", "value": BOARD}] and boards["context"] is None
    assert sent(route.calls[0].request)[1] == {"page": 1}
    groups = await fetch_options(action, "groupId", {"boardId": BOARD}, auth=AUTH)
    assert groups["options"] == [{"label": "This week", "value": "topics"}]
    items = catalog.action("monday-delete-item")
    first = await fetch_options(items, "itemId", {"boardId": BOARD}, auth=AUTH)
    assert first["options"] == [{"label": "A", "value": ITEM}] and first["context"] == {"cursor": "C2"}
    second = await fetch_options(items, "itemId", {"boardId": BOARD}, auth=AUTH, page=1, prev_context=first["context"])
    assert second["options"] == [{"label": "B", "value": "2"}] and sent(route.calls[3].request)[1] == {"cursor": "C2"}
    missing = await fetch_options(action, "groupId", {}, auth=AUTH)
    assert "choose the board (boardId) first" in missing["errors"][0]


async def test_complexity_budget_says_when_to_retry(catalog, respx_mock):
    respx_mock.post(API).mock(return_value=httpx.Response(429, json={"errors": [{
        "message": "Complexity budget exhausted", "extensions": {"code": "COMPLEXITY_BUDGET_EXHAUSTED",
                                                                "complexity": 1000, "complexity_budget_left": 100,
                                                                "retry_in_seconds": 27, "status_code": 429}}],
        "account_id": 1}))
    result = await run_action(catalog.action("monday-get-item"), {"itemId": ITEM}, auth=AUTH)
    assert "rate limited by monday.com; retry after 27 s" in result.error


async def test_the_older_complexity_error_shape_gives_its_reset_time(catalog, respx_mock):
    respx_mock.post(API).mock(return_value=httpx.Response(200, json={
        "error_code": "ComplexityException", "status_code": 429,
        "error_message": "Complexity budget exhausted, query cost 30001 budget remaining 3999 out of 1000000 reset in 50 seconds"}))
    result = await run_action(catalog.action("monday-list-boards"), {}, auth=AUTH)
    assert "[ComplexityException]" in result.error and "retry after 50 s" in result.error


async def account_identity(catalog, auth):
    """What the app's account test finds for new credentials, as the Connect flow runs it."""
    app = catalog.apps["monday"]
    async with httpx.AsyncClient() as client:
        http = AppHttp(client, app_name=app.name, headers=app.headers_for(auth), base_url=app.base_url_for(auth),
                       allowed_domains=app.allowed_domains_for(auth))
        return await app.test(AccountContext(auth=auth, http=http))


async def test_account_test_reads_me(catalog, respx_mock):
    route = respx_mock.post(API).mock(return_value=httpx.Response(200, json={"data": {"me": {
        "id": "123", "name": "Ada Lovelace", "email": "ada@example.com"}}}))
    identity = await account_identity(catalog, AUTH)
    assert sent(route.calls.last.request) == ("query { me { id name email } }", None)
    assert identity == Identity(name="Ada Lovelace", external_id="123")
