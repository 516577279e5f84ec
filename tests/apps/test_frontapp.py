import json

import httpx

from mcp_gateway.runtime.engine import fetch_options, run_action

API = "https://api2.frontapp.com"
AUTH = {"api_token": "front-api-token-1"}
CNV = "cnv_55c8c149"


def assert_request(request, method, path, *, params=None, body=None):
    assert request.method == method
    assert str(request.url.copy_with(query=None)) == f"{API}{path}"
    expected = params.items() if isinstance(params, dict) else params or []
    assert sorted(request.url.params.multi_items()) == sorted(expected)
    assert request.headers["authorization"] == "Bearer front-api-token-1"
    if body is None:
        assert request.content == b""
    else:
        assert json.loads(request.content) == body


_TEAMMATE = {"_links": {"self": f"{API}/teammates/tea_55c8c149"}, "id": "tea_55c8c149", "email": "leela@planet-express.com",
             "username": "leela", "first_name": "Leela", "last_name": "Turanga", "is_admin": True, "is_available": False,
             "is_blocked": False, "custom_fields": {}}


def _conversation(conversation_id=CNV, status="assigned"):
    return {"_links": {"self": f"{API}/conversations/{conversation_id}",
                       "related": {"events": f"{API}/conversations/{conversation_id}/events"}},
            "id": conversation_id, "subject": "Your delivery is late", "status": status, "assignee": _TEAMMATE,
            "recipient": {"_links": {"related": {"contact": f"{API}/contacts/crd_55c8c149"}}, "name": "Calculon",
                          "handle": "calculon@momsbot.com", "role": "from"},
            "tags": [{"id": "tag_55c8c149", "name": "Urgent", "highlight": "red"}], "links": [], "custom_fields": {},
            "created_at": 1764579600.0, "updated_at": 1764583200.0, "waiting_since": 1764583200.0, "is_private": False, "scheduled_reminders": [],
            "metadata": {}}


def _page(results, next_url=None):
    return {"_pagination": {"next": next_url}, "_links": {"self": f"{API}/conversations"}, "_results": results}


async def test_list_conversations_follows_page_tokens(catalog, respx_mock):
    route = respx_mock.get(f"{API}/inboxes/inb_55c8c149/conversations").mock(side_effect=[
        httpx.Response(200, json=_page([_conversation(), _conversation("cnv_2")],
                                       f"{API}/inboxes/inb_55c8c149/conversations?limit=3&page_token=pt2")),
        httpx.Response(200, json=_page([_conversation("cnv_3")], f"{API}/inboxes/inb_55c8c149/conversations?page_token=pt3")),
    ])
    result = await run_action(catalog.action("frontapp-list-conversations"),
                              {"inboxId": "inb_55c8c149", "statuses": ["assigned", "unassigned"], "limit": 3}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls[0].request, "GET", "/inboxes/inb_55c8c149/conversations",
                   params=[("q[statuses][]", "assigned"), ("q[statuses][]", "unassigned"), ("limit", "3")])
    assert_request(route.calls[1].request, "GET", "/inboxes/inb_55c8c149/conversations",
                   params=[("q[statuses][]", "assigned"), ("q[statuses][]", "unassigned"), ("limit", "1"),
                           ("page_token", "pt2")])
    assert result.ret["next_cursor"] == "pt3"
    assert result.ret["conversations"][0] == {
        "id": CNV, "subject": "Your delivery is late", "status": "assigned",
        "assignee": {"id": "tea_55c8c149", "email": "leela@planet-express.com", "name": "Leela Turanga"},
        "recipient": "calculon@momsbot.com", "tags": ["Urgent"], "created_at": 1764579600.0,
        "updated_at": 1764583200.0, "waiting_since": 1764583200.0, "url": f"{API}/conversations/{CNV}"}


async def test_get_conversation_trims_and_full_response_returns_it_whole(catalog, respx_mock):
    route = respx_mock.get(f"{API}/conversations/{CNV}").mock(return_value=httpx.Response(200, json=_conversation()))
    action = catalog.action("frontapp-get-conversation")
    result = await run_action(action, {"conversationId": CNV}, auth=AUTH)
    assert_request(route.calls.last.request, "GET", f"/conversations/{CNV}")
    assert result.ret["subject"] == "Your delivery is late" and "custom_fields" not in result.ret
    whole = await run_action(action, {"conversationId": CNV, "fullResponse": True}, auth=AUTH)
    assert whole.ret == _conversation()
    bad = await run_action(action, {"conversationId": "55c8c149"}, auth=AUTH)
    assert "look like `cnv_55c8c149`" in bad.error


async def test_update_conversation_archives_and_assigns(catalog, respx_mock):
    route = respx_mock.patch(f"{API}/conversations/{CNV}").mock(return_value=httpx.Response(204))
    action = catalog.action("frontapp-update-conversation")
    result = await run_action(action, {"conversationId": CNV, "status": "archived", "assigneeId": "tea_55c8c149"},
                              auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "PATCH", f"/conversations/{CNV}",
                   body={"status": "archived", "assignee_id": "tea_55c8c149"})
    assert result.summary == f"Updated the conversation {CNV}"
    await run_action(action, {"conversationId": CNV, "unassign": True}, auth=AUTH)
    assert_request(route.calls.last.request, "PATCH", f"/conversations/{CNV}", body={"assignee_id": None})
    assert (await run_action(action, {"conversationId": CNV}, auth=AUTH)).error.startswith("nothing to change")


async def test_add_comment(catalog, respx_mock):
    route = respx_mock.post(f"{API}/conversations/{CNV}/comments").mock(return_value=httpx.Response(201, json={
        "_links": {"self": f"{API}/comments/com_1a2b3c"}, "id": "com_1a2b3c", "author": _TEAMMATE,
        "body": "@fry can you check the refund?", "posted_at": 1764583200.0, "attachments": [], "is_pinned": False}))
    result = await run_action(catalog.action("frontapp-add-comment"), {
        "conversationId": CNV, "body": "@fry can you check the refund?", "authorId": "tea_55c8c149"}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "POST", f"/conversations/{CNV}/comments",
                   body={"body": "@fry can you check the refund?", "author_id": "tea_55c8c149"})
    assert result.ret == {"id": "com_1a2b3c", "body": "@fry can you check the refund?", "posted_at": 1764583200.0,
                          "author": {"id": "tea_55c8c149", "email": "leela@planet-express.com", "name": "Leela Turanga"}}


async def test_reply_to_conversation(catalog, respx_mock):
    route = respx_mock.post(f"{API}/conversations/{CNV}/messages").mock(
        return_value=httpx.Response(202, json={"status": "accepted", "message_uid": "1c3ad1d8f7e5a9"}))
    result = await run_action(catalog.action("frontapp-reply-to-conversation"), {
        "conversationId": CNV, "body": "<p>It ships today.</p>", "cc": ["hermes@planet-express.com"], "archive": True},
        auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "POST", f"/conversations/{CNV}/messages", body={
        "body": "<p>It ships today.</p>", "cc": ["hermes@planet-express.com"], "options": {"archive": True}})
    assert result.ret == {"status": "accepted", "message_uid": "1c3ad1d8f7e5a9"}


_CONTACT = {"_links": {"self": f"{API}/contacts/crd_55c8c149"}, "id": "crd_55c8c149", "name": "Calculon",
            "description": "Actor", "avatar_url": None, "links": [],
            "handles": [{"handle": "calculon@momsbot.com", "source": "email"}, {"handle": "+14155550100", "source": "phone"}],
            "groups": [], "lists": [], "custom_fields": {}, "is_private": False}


async def test_list_and_create_contacts(catalog, respx_mock):
    listed = respx_mock.get(f"{API}/contacts").mock(return_value=httpx.Response(200, json=_page([_CONTACT])))
    result = await run_action(catalog.action("frontapp-list-contacts"), {"sortBy": "updated_at", "sortOrder": "desc"},
                              auth=AUTH)
    assert_request(listed.calls.last.request, "GET", "/contacts",
                   params={"sort_by": "updated_at", "sort_order": "desc", "limit": "25"})
    assert result.ret["contacts"][0]["handles"][0] == {"handle": "calculon@momsbot.com", "source": "email"}
    assert result.ret["next_cursor"] is None

    created = respx_mock.post(f"{API}/contacts").mock(return_value=httpx.Response(201, json=_CONTACT))
    result = await run_action(catalog.action("frontapp-create-contact"), {
        "name": "Calculon", "emails": ["calculon@momsbot.com"], "phones": ["+14155550100"]},
        auth=AUTH)
    assert_request(created.calls.last.request, "POST", "/contacts", body={
        "handles": [{"handle": "calculon@momsbot.com", "source": "email"}, {"handle": "+14155550100", "source": "phone"}],
        "name": "Calculon"})
    assert result.summary == "Added the contact Calculon (crd_55c8c149)"
    empty = await run_action(catalog.action("frontapp-create-contact"), {"name": "x"}, auth=AUTH)
    assert empty.error == "a Front contact needs at least one email address or phone number"


async def test_list_teammates_pages_the_whole_list(catalog, respx_mock):
    others = [{**_TEAMMATE, "id": f"tea_{i}", "first_name": f"T{i}"} for i in range(2)]
    route = respx_mock.get(f"{API}/teammates").mock(return_value=httpx.Response(200, json={
        "_links": {"self": f"{API}/teammates"}, "_results": [_TEAMMATE, *others]}))
    action = catalog.action("frontapp-list-teammates")
    first = await run_action(action, {"limit": 2}, auth=AUTH)
    assert_request(route.calls.last.request, "GET", "/teammates")
    assert [t["id"] for t in first.ret["teammates"]] == ["tea_55c8c149", "tea_0"] and first.ret["next_cursor"] == "2"
    second = await run_action(action, {"limit": 2, "cursor": "2"}, auth=AUTH)
    assert [t["id"] for t in second.ret["teammates"]] == ["tea_1"] and second.ret["next_cursor"] is None


async def test_inbox_and_teammate_options(catalog, respx_mock):
    respx_mock.get(f"{API}/inboxes").mock(return_value=httpx.Response(200, json={"_links": {}, "_results": [
        {"_links": {}, "id": "inb_55c8c149", "name": "Support", "is_private": False, "is_public": True}]}))
    respx_mock.get(f"{API}/teammates").mock(return_value=httpx.Response(200, json={"_links": {}, "_results": [_TEAMMATE]}))
    inboxes = await fetch_options(catalog.action("frontapp-list-conversations"), "inboxId", {}, auth=AUTH)
    assert inboxes["options"] == [{"label": "Support", "value": "inb_55c8c149"}]
    teammates = await fetch_options(catalog.action("frontapp-update-conversation"), "assigneeId", {}, auth=AUTH)
    assert teammates["options"] == [{"label": "Leela Turanga", "value": "tea_55c8c149"}]


async def test_errors_say_what_to_do(catalog, respx_mock):
    respx_mock.get(f"{API}/conversations/{CNV}").mock(side_effect=[
        httpx.Response(429, headers={"Retry-After": "5"}, json={"_error": {
            "status": 429, "title": "Too Many Requests", "message": "Rate limit exceeded"}}),
        httpx.Response(404, json={"_error": {"status": 404, "title": "Not found",
                                             "message": "Unknown conversation ID"}}),
    ])
    action = catalog.action("frontapp-get-conversation")
    limited = (await run_action(action, {"conversationId": CNV}, auth=AUTH)).error
    assert "Rate limit exceeded" in limited and "rate limited by Front; retry after 5 s" in limited
    missing = (await run_action(action, {"conversationId": CNV}, auth=AUTH)).error
    assert "Unknown conversation ID" in missing and "frontapp-list-conversations" in missing
