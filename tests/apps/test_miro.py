import json

import httpx

from mcp_gateway.catalog import AccountContext, AppHttp, Identity
from mcp_gateway.runtime.engine import fetch_options, run_action
from tests.support import LOCAL_UPSTREAMS

API = "https://api.miro.com/v2"
AUTH = {"oauth_access_token": "eyJtaXJvIjoiMSJ9"}
BOARD = "uXjVOD6LSME="


def assert_miro(request, method, url, *, params=None, body=None):
    assert request.method == method
    assert str(request.url.copy_with(query=None)) == url
    assert dict(request.url.params) == (params or {})
    assert request.headers["authorization"] == "Bearer eyJtaXJvIjoiMSJ9"
    if body is not None:
        assert json.loads(request.content) == body


def _board(board_id=BOARD, name="Sprint 42 retro"):
    return {"id": board_id, "type": "board", "name": name, "description": "What went well",
            "viewLink": f"https://miro.com/app/board/{board_id}", "team": {"id": "3458764517517819000", "type": "team", "name": "Acme"},
            "owner": {"id": "3458764517517852417", "type": "user", "name": "Ada"}, "createdAt": "2026-11-01T10:00:00Z",
            "modifiedAt": "2026-12-01T09:30:00Z", "policy": {"permissionsPolicy": {}, "sharingPolicy": {"access": "private"}}}


def _board_summary(board_id=BOARD, name="Sprint 42 retro"):
    return {"id": board_id, "name": name, "description": "What went well", "view_link": f"https://miro.com/app/board/{board_id}",
            "team": "Acme", "owner": "Ada", "created_at": "2026-11-01T10:00:00Z", "modified_at": "2026-12-01T09:30:00Z"}


def _item(item_id="3458764517517819001", kind="sticky_note", data=None, parent=None):
    item = {"id": item_id, "type": kind, "data": data or {"content": "<p>Ship &amp; celebrate</p>", "shape": "square"},
            "style": {"fillColor": "light_yellow"}, "position": {"x": 100.0, "y": 200.0, "origin": "center", "relativeTo": "canvas_center"},
            "geometry": {"width": 199.0, "height": 228.0}, "createdAt": "2026-12-01T09:00:00Z", "modifiedAt": "2026-12-01T09:30:00Z",
            "createdBy": {"id": "3458764517517852417", "type": "user"}, "links": {"self": f"{API}/boards/{BOARD}/items/{item_id}"}}
    if parent:
        item["parent"] = {"id": parent, "links": {}}
    return item


async def test_list_boards_pages_by_offset(catalog, respx_mock):
    route = respx_mock.get(f"{API}/boards").mock(side_effect=[
        httpx.Response(200, json={"data": [_board(), _board("uXjVOD6LSMF=", "Roadmap")], "total": 3, "size": 2, "offset": 0,
                                  "limit": 2, "links": {}, "type": "list"}),
        httpx.Response(200, json={"data": [_board("uXjVOD6LSMG=", "Ideas")], "total": 3, "size": 1, "offset": 2, "limit": 2, "type": "list"}),
    ])
    action = catalog.action("miro-list-boards")
    first = await run_action(action, {"query": "retro", "teamId": "3458764517517819000", "sort": "last_modified", "limit": 2}, auth=AUTH)
    assert first.error is None, first.error
    assert_miro(route.calls[0].request, "GET", f"{API}/boards", params={
        "query": "retro", "team_id": "3458764517517819000", "sort": "last_modified", "limit": "2", "offset": "0"})
    assert first.ret == {"boards": [_board_summary(), _board_summary("uXjVOD6LSMF=", "Roadmap")], "total": 3, "next_cursor": "2"}
    second = await run_action(action, {"limit": 2, "cursor": "2"}, auth=AUTH)
    assert route.calls[1].request.url.params["offset"] == "2"
    assert second.ret["next_cursor"] is None and second.ret["boards"][0]["name"] == "Ideas"


async def test_get_board_from_a_pasted_url_and_full_response(catalog, respx_mock):
    route = respx_mock.get(f"{API}/boards/{BOARD}").mock(return_value=httpx.Response(200, json=_board()))
    action = catalog.action("miro-get-board")
    result = await run_action(action, {"boardId": f"https://miro.com/app/board/{BOARD}/?share_link_id=1"}, auth=AUTH)
    assert result.error is None, result.error
    assert_miro(route.calls.last.request, "GET", f"{API}/boards/{BOARD}")
    assert result.ret == _board_summary()
    whole = await run_action(action, {"boardId": BOARD, "fullResponse": True}, auth=AUTH)
    assert whole.ret == _board()


async def test_create_board(catalog, respx_mock):
    route = respx_mock.post(f"{API}/boards").mock(return_value=httpx.Response(201, json=_board()))
    result = await run_action(catalog.action("miro-create-board"),
                              {"name": "Sprint 42 retro", "description": "What went well", "teamId": "3458764517517819000"}, auth=AUTH)
    assert_miro(route.calls.last.request, "POST", f"{API}/boards",
                body={"name": "Sprint 42 retro", "description": "What went well", "teamId": "3458764517517819000"})
    assert result.ret["id"] == BOARD and result.summary == "Created the board 'Sprint 42 retro'"


async def test_list_items_follows_miros_cursor(catalog, respx_mock):
    route = respx_mock.get(f"{API}/boards/{BOARD}/items").mock(side_effect=[
        httpx.Response(200, json={"data": [_item()], "total": 2, "size": 1, "limit": 10, "cursor": "MzQ1ODc2NDUxNzUxNzg1MjQxNw=="}),
        httpx.Response(200, json={"data": [_item("3458764517517819002", "frame", {"title": "Done", "format": "custom"})],
                                  "total": 2, "size": 1, "limit": 10}),
        httpx.Response(200, json={"data": [], "total": 0, "size": 0, "limit": 10}),
    ])
    result = await run_action(catalog.action("miro-list-items"), {"boardId": BOARD, "limit": 12}, auth=AUTH)
    assert result.error is None, result.error
    assert_miro(route.calls[0].request, "GET", f"{API}/boards/{BOARD}/items", params={"limit": "12"})
    assert dict(route.calls[1].request.url.params) == {"limit": "11", "cursor": "MzQ1ODc2NDUxNzUxNzg1MjQxNw=="}
    assert result.ret["items"][0] == {"id": "3458764517517819001", "type": "sticky_note", "text": "Ship & celebrate",
                                      "description": None, "shape": "square", "x": 100.0, "y": 200.0, "width": 199.0,
                                      "height": 228.0, "parent_id": None, "modified_at": "2026-12-01T09:30:00Z"}
    assert result.ret["items"][1]["text"] == "Done" and result.ret["next_cursor"] is None

    await run_action(catalog.action("miro-list-items"), {"boardId": BOARD, "type": "card", "limit": 3}, auth=AUTH)
    assert dict(route.calls.last.request.url.params) == {"type": "card", "limit": "10"}


async def test_create_sticky_note_card_and_shape(catalog, respx_mock):
    notes = respx_mock.post(f"{API}/boards/{BOARD}/sticky_notes").mock(return_value=httpx.Response(201, json=_item(parent="3458764517517819999")))
    result = await run_action(catalog.action("miro-create-sticky-note"), {
        "boardId": BOARD, "content": "Ship & celebrate", "fillColor": "light_green", "x": 100, "y": 200, "width": 199,
        "parentId": "3458764517517819999"}, auth=AUTH)
    assert result.error is None, result.error
    assert_miro(notes.calls.last.request, "POST", f"{API}/boards/{BOARD}/sticky_notes", body={
        "data": {"content": "Ship & celebrate"}, "style": {"fillColor": "light_green"}, "position": {"x": 100, "y": 200},
        "geometry": {"width": 199}, "parent": {"id": "3458764517517819999"}})
    assert result.ret["parent_id"] == "3458764517517819999"

    cards = respx_mock.post(f"{API}/boards/{BOARD}/cards").mock(return_value=httpx.Response(201, json=_item(
        "3458764517517819003", "card", {"title": "Update pricing", "description": "New tiers", "dueDate": "2026-12-24T17:00:00Z"})))
    result = await run_action(catalog.action("miro-create-card"), {
        "boardId": BOARD, "title": "Update pricing", "description": "New tiers", "dueDate": "2026-12-24T17:00:00Z",
        "assigneeId": "3458764517517852417", "cardTheme": "#2d9bf0"}, auth=AUTH)
    assert_miro(cards.calls.last.request, "POST", f"{API}/boards/{BOARD}/cards", body={
        "data": {"title": "Update pricing", "description": "New tiers", "dueDate": "2026-12-24T17:00:00Z",
                 "assigneeId": "3458764517517852417"}, "style": {"cardTheme": "#2d9bf0"}})
    assert result.ret["text"] == "Update pricing" and result.ret["description"] == "New tiers"

    shapes = respx_mock.post(f"{API}/boards/{BOARD}/shapes").mock(return_value=httpx.Response(201, json=_item(
        "3458764517517819004", "shape", {"content": "<p>Start</p>", "shape": "circle"})))
    result = await run_action(catalog.action("miro-create-shape"), {
        "boardId": BOARD, "shape": "circle", "content": "<p>Start</p>", "fillColor": "#d5f692", "width": 120, "height": 120}, auth=AUTH)
    assert_miro(shapes.calls.last.request, "POST", f"{API}/boards/{BOARD}/shapes", body={
        "data": {"shape": "circle", "content": "<p>Start</p>"}, "style": {"fillColor": "#d5f692"},
        "geometry": {"width": 120, "height": 120}})
    assert result.summary == "Added a circle to the board"


async def test_list_board_members(catalog, respx_mock):
    route = respx_mock.get(f"{API}/boards/{BOARD}/members").mock(return_value=httpx.Response(200, json={
        "data": [{"id": "3458764517517852417", "name": "Ada", "role": "owner", "type": "board_member", "links": {}}],
        "total": 1, "size": 1, "offset": 0, "limit": 25, "type": "list"}))
    result = await run_action(catalog.action("miro-list-board-members"), {"boardId": BOARD}, auth=AUTH)
    assert_miro(route.calls.last.request, "GET", f"{API}/boards/{BOARD}/members", params={"limit": "25", "offset": "0"})
    assert result.ret == {"members": [{"id": "3458764517517852417", "name": "Ada", "role": "owner"}], "total": 1, "next_cursor": None}


async def test_board_options_page_by_offset(catalog, respx_mock):
    route = respx_mock.get(f"{API}/boards").mock(side_effect=[
        httpx.Response(200, json={"data": [_board()], "total": 2, "size": 1, "offset": 0, "limit": 50}),
        httpx.Response(200, json={"data": [_board("uXjVOD6LSMF=", "Roadmap")], "total": 2, "size": 1, "offset": 1, "limit": 50}),
    ])
    action = catalog.action("miro-create-sticky-note")
    first = await fetch_options(action, "boardId", {}, auth=AUTH)
    assert first["options"] == [{"label": "Sprint 42 retro", "value": BOARD}] and first["context"] == {"offset": 1}
    assert dict(route.calls[0].request.url.params) == {"limit": "50", "offset": "0", "sort": "last_modified"}
    second = await fetch_options(action, "boardId", {}, auth=AUTH, page=1, prev_context=first["context"])
    assert second["options"] == [{"label": "Roadmap", "value": "uXjVOD6LSMF="}] and second["context"] is None


async def test_errors_name_the_field_and_the_retry_time(catalog, respx_mock):
    respx_mock.post(f"{API}/boards/{BOARD}/sticky_notes").mock(side_effect=[
        httpx.Response(400, json={"type": "error", "status": 400, "code": "invalidParameters", "message": "Invalid parameters",
                                  "context": {"fields": [{"field": "style.fillColor", "message": "Unexpected value"}]}}),
        httpx.Response(429, headers={"Retry-After": "5"}, json={"type": "error", "status": 429, "code": "tooManyRequests",
                                                                "message": "Too many requests"}),
    ])
    action = catalog.action("miro-create-sticky-note")
    args = {"boardId": BOARD, "content": "x", "fillColor": "mauve"}
    assert "Invalid parameters (style.fillColor: Unexpected value)" in (await run_action(action, args, auth=AUTH)).error
    assert "rate limited by Miro; retry after 5 s" in (await run_action(action, args, auth=AUTH)).error


async def _account_identity(catalog, slug):
    app = catalog.apps[slug]
    async with httpx.AsyncClient() as client:
        http = AppHttp(client, app_name=app.name, headers=app.headers_for(AUTH), base_url=app.base_url_for(AUTH),
                       allowed_domains=app.allowed_domains_for(AUTH))
        return await app.test(AccountContext(auth=AUTH, http=http, egress=LOCAL_UPSTREAMS))


async def test_the_account_is_the_tokens_user_and_team(catalog, respx_mock):
    route = respx_mock.get("https://api.miro.com/v1/oauth-token").mock(return_value=httpx.Response(200, json={
        "type": "oauth", "scopes": ["boards:read", "boards:write"], "createdBy": {"type": "user", "name": "Ada", "id": "3458764517517852417"},
        "organization": {"type": "organization", "name": "Acme", "id": "3458764517517818000"},
        "team": {"type": "team", "name": "Acme", "id": "3458764517517819000"},
        "user": {"type": "user", "name": "Ada", "id": "3458764517517852417"}}))
    identity = await _account_identity(catalog, "miro")
    assert_miro(route.calls.last.request, "GET", "https://api.miro.com/v1/oauth-token")
    assert identity == Identity(name="Ada (Acme)", external_id="3458764517517852417")
