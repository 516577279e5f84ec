import json

import httpx

from mcp_gateway.catalog import AccountContext, AppHttp
from mcp_gateway.runtime.engine import fetch_options, run_action

API = "https://api.helpscout.net/v2"
AUTH = {"oauth_access_token": "hs-access-token-1"}


def assert_request(request, method, path, *, params=None, body=None):
    assert request.method == method
    assert str(request.url.copy_with(query=None)) == f"{API}{path}"
    assert dict(request.url.params) == (params or {})
    assert request.headers["authorization"] == "Bearer hs-access-token-1"
    if body is None:
        assert request.content == b""
    else:
        assert json.loads(request.content) == body


def _page(number, total_pages, size=25):
    return {"size": size, "totalElements": total_pages * size, "totalPages": total_pages, "number": number}


def _conversation(conversation_id=10, number=4101, subject="Refund request", **extra):
    return {"id": conversation_id, "number": number, "threads": 2, "type": "email", "folderId": 1234, "status": "active",
            "state": "published", "subject": subject, "preview": "Hi, I would like a refund...", "mailboxId": 85,
            "assignee": {"id": 256, "type": "user", "first": "Ada", "last": "Lovelace", "email": "ada@acme.com"},
            "createdBy": {"id": 12, "type": "customer", "email": "joe@example.com"}, "createdAt": "2026-12-06T09:00:00Z",
            "closedBy": 0, "closedAt": None, "userUpdatedAt": "2026-12-06T10:00:00Z",
            "customerWaitingSince": {"time": "2026-12-06T09:00:00Z", "friendly": "1 hour ago"},
            "source": {"type": "email", "via": "customer"}, "tags": [{"id": 9, "color": "#929499", "tag": "billing"}],
            "cc": [], "bcc": [], "primaryCustomer": {"id": 12, "type": "customer", "first": "Joe", "last": "Bloggs",
                                                    "email": "joe@example.com"},
            "customFields": [], "_links": {"self": {"href": f"{API}/conversations/{conversation_id}"}}, **extra}


def _listing(conversations, number, total_pages):
    return {"_embedded": {"conversations": conversations}, "page": _page(number, total_pages)}


async def test_list_conversations_keeps_its_place_inside_a_page(catalog, respx_mock):
    route = respx_mock.get(f"{API}/conversations").mock(side_effect=[
        httpx.Response(200, json=_listing([_conversation(1), _conversation(2), _conversation(3)], 1, 2)),
        httpx.Response(200, json=_listing([_conversation(1), _conversation(2), _conversation(3)], 1, 2)),
        httpx.Response(200, json=_listing([_conversation(4)], 2, 2)),
    ])
    action = catalog.action("help_scout-list-conversations")
    first = await run_action(action, {"mailboxId": 85, "status": "open", "tag": "billing", "limit": 2}, auth=AUTH)
    assert first.error is None, first.error
    assert_request(route.calls[0].request, "GET", "/conversations",
                   params={"mailbox": "85", "status": "open", "tag": "billing", "page": "1"})
    assert [c["id"] for c in first.ret["conversations"]] == [1, 2] and first.ret["next_cursor"] == "1.2"
    assert first.ret["conversations"][0] == {
        "id": 1, "number": 4101, "subject": "Refund request", "preview": "Hi, I would like a refund...",
        "status": "active", "state": "published", "type": "email", "mailbox_id": 85,
        "assignee": {"id": 256, "name": "Ada Lovelace", "email": "ada@acme.com", "type": "user"},
        "customer": {"id": 12, "name": "Joe Bloggs", "email": "joe@example.com", "type": "customer"},
        "tags": ["billing"], "threads": 2, "created_at": "2026-12-06T09:00:00Z", "closed_at": None,
        "customer_waiting_since": "2026-12-06T09:00:00Z", "user_updated_at": "2026-12-06T10:00:00Z"}
    second = await run_action(action, {"limit": 2, "cursor": first.ret["next_cursor"]}, auth=AUTH)
    assert [dict(c.request.url.params)["page"] for c in route.calls[1:]] == ["1", "2"]
    assert [c["id"] for c in second.ret["conversations"]] == [3, 4] and second.ret["next_cursor"] is None


async def test_get_conversation_with_threads(catalog, respx_mock):
    conversation = _conversation(_embedded={"threads": [
        {"id": 501, "type": "customer", "status": "active", "state": "published", "action": None,
         "body": "Hi, I would like a refund", "source": {"type": "email", "via": "customer"},
         "customer": {"id": 12, "first": "Joe", "last": "Bloggs", "email": "joe@example.com"},
         "createdBy": {"id": 12, "type": "customer", "first": "Joe", "last": "Bloggs", "email": "joe@example.com"},
         "assignedTo": None, "to": [], "cc": [], "bcc": [], "createdAt": "2026-12-06T09:00:00Z"}]})
    route = respx_mock.get(f"{API}/conversations/10").mock(return_value=httpx.Response(200, json=conversation))
    result = await run_action(catalog.action("help_scout-get-conversation"), {"conversationId": 10}, auth=AUTH)
    assert_request(route.calls.last.request, "GET", "/conversations/10", params={"embed": "threads"})
    assert result.ret["threads"] == [{"id": 501, "type": "customer", "status": "active", "body": "Hi, I would like a refund",
                                      "created_by": {"id": 12, "name": "Joe Bloggs", "email": "joe@example.com",
                                                     "type": "customer"},
                                      "to": [], "cc": [], "created_at": "2026-12-06T09:00:00Z"}]
    assert result.summary == "Read conversation #4101 'Refund request'"
    whole = await run_action(catalog.action("help_scout-get-conversation"), {"conversationId": 10, "fullResponse": True},
                             auth=AUTH)
    assert whole.ret == conversation


async def test_create_conversation_returns_the_resource_id(catalog, respx_mock):
    route = respx_mock.post(f"{API}/conversations").mock(return_value=httpx.Response(
        201, headers={"Resource-ID": "2391938111", "Location": f"{API}/conversations/2391938111"}))
    result = await run_action(catalog.action("help_scout-create-conversation"), {
        "mailboxId": 85, "subject": "Refund request", "text": "Hi, I would like a refund",
        "customerEmail": "joe@example.com", "assignTo": 256, "tags": ["billing"]}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "POST", "/conversations", body={
        "subject": "Refund request", "customer": {"email": "joe@example.com"}, "mailboxId": 85, "type": "email",
        "status": "active", "threads": [{"type": "customer", "customer": {"email": "joe@example.com"},
                                         "text": "Hi, I would like a refund"}],
        "assignTo": 256, "tags": ["billing"]})
    assert result.ret == {"id": 2391938111, "subject": "Refund request", "mailbox_id": 85}
    nobody = await run_action(catalog.action("help_scout-create-conversation"),
                              {"mailboxId": 85, "subject": "x", "text": "y"}, auth=AUTH)
    assert nobody.error == "say who the conversation is with: give customerEmail or customerId"


async def test_reply_finds_the_customer_and_notes_do_not_need_one(catalog, respx_mock):
    got = respx_mock.get(f"{API}/conversations/10").mock(return_value=httpx.Response(200, json=_conversation()))
    replied = respx_mock.post(f"{API}/conversations/10/reply").mock(return_value=httpx.Response(201, headers={"Resource-ID": "777"}))
    result = await run_action(catalog.action("help_scout-reply-to-conversation"),
                              {"conversationId": 10, "text": "Refunded today.", "status": "closed"}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(got.calls.last.request, "GET", "/conversations/10")
    assert_request(replied.calls.last.request, "POST", "/conversations/10/reply",
                   body={"customer": {"id": 12}, "text": "Refunded today.", "status": "closed"})
    assert result.ret == {"conversation_id": 10, "thread_id": 777, "draft": False}
    await run_action(catalog.action("help_scout-reply-to-conversation"),
                     {"conversationId": 10, "text": "Draft", "customerId": 12, "draft": True, "user": 256}, auth=AUTH)
    assert json.loads(replied.calls.last.request.content) == {"customer": {"id": 12}, "text": "Draft", "user": 256, "draft": True}
    assert got.call_count == 1

    noted = respx_mock.post(f"{API}/conversations/10/notes").mock(return_value=httpx.Response(201, headers={"Resource-ID": "778"}))
    result = await run_action(catalog.action("help_scout-add-note"), {"conversationId": 10, "text": "Check Stripe"}, auth=AUTH)
    assert_request(noted.calls.last.request, "POST", "/conversations/10/notes", body={"text": "Check Stripe"})
    assert result.ret == {"conversation_id": 10, "thread_id": 778}


async def test_update_conversation_status_patches_the_status(catalog, respx_mock):
    route = respx_mock.patch(f"{API}/conversations/10").mock(return_value=httpx.Response(204))
    result = await run_action(catalog.action("help_scout-update-conversation-status"),
                              {"conversationId": 10, "status": "closed"}, auth=AUTH)
    assert_request(route.calls.last.request, "PATCH", "/conversations/10",
                   body={"op": "replace", "path": "/status", "value": "closed"})
    assert result.ret == {"id": 10, "status": "closed"} and result.summary == "Set conversation 10 to closed"


def _customer(customer_id=12):
    return {"id": customer_id, "firstName": "Joe", "lastName": "Bloggs", "gender": "Unknown", "jobTitle": "Buyer",
            "location": "London", "organization": "Globex", "photoType": "unknown", "photoUrl": None, "age": None,
            "background": "Prefers email", "createdAt": "2026-11-01T09:00:00Z", "updatedAt": "2026-12-01T09:00:00Z",
            "_embedded": {"emails": [{"id": 1, "value": "joe@example.com", "type": "work"}],
                          "phones": [{"id": 2, "value": "+44 20 7946 0000", "type": "work"}],
                          "chats": [], "social_profiles": [], "websites": [], "address": None}}


async def test_list_get_and_create_customers(catalog, respx_mock):
    listed = respx_mock.get(f"{API}/customers").mock(return_value=httpx.Response(200, json={
        "_embedded": {"customers": [_customer()]}, "page": _page(1, 1, 50)}))
    result = await run_action(catalog.action("help_scout-list-customers"), {"query": '(email:"joe@example.com")'}, auth=AUTH)
    assert_request(listed.calls.last.request, "GET", "/customers", params={"query": '(email:"joe@example.com")', "page": "1"})
    assert result.ret == {"customers": [{
        "id": 12, "first_name": "Joe", "last_name": "Bloggs", "emails": ["joe@example.com"],
        "phones": ["+44 20 7946 0000"], "organization": "Globex", "job_title": "Buyer", "location": "London",
        "background": "Prefers email", "created_at": "2026-11-01T09:00:00Z", "updated_at": "2026-12-01T09:00:00Z"}],
        "next_cursor": None}

    got = respx_mock.get(f"{API}/customers/12").mock(return_value=httpx.Response(200, json=_customer()))
    result = await run_action(catalog.action("help_scout-get-customer"), {"customerId": 12}, auth=AUTH)
    assert_request(got.calls.last.request, "GET", "/customers/12")
    assert result.summary == "Read the customer Joe Bloggs"

    created = respx_mock.post(f"{API}/customers").mock(return_value=httpx.Response(201, headers={"Resource-ID": "13"}))
    result = await run_action(catalog.action("help_scout-create-customer"), {
        "firstName": "Eve", "lastName": "Adams", "emails": ["eve@example.com"], "organization": "Initech"}, auth=AUTH)
    assert_request(created.calls.last.request, "POST", "/customers", body={
        "firstName": "Eve", "lastName": "Adams", "organization": "Initech",
        "emails": [{"type": "work", "value": "eve@example.com"}]})
    assert result.ret == {"id": 13, "first_name": "Eve", "last_name": "Adams"}


async def test_list_mailboxes_and_the_mailbox_and_user_options(catalog, respx_mock):
    mailbox = {"id": 85, "name": "Support", "slug": "e2b4d2d1a8c5a2f1", "email": "support@acme.com",
               "createdAt": "2026-01-01T09:00:00Z", "updatedAt": "2026-01-01T09:00:00Z",
               "_links": {"self": {"href": f"{API}/mailboxes/85"}}}
    mailboxes = respx_mock.get(f"{API}/mailboxes").mock(side_effect=[
        httpx.Response(200, json={"_embedded": {"mailboxes": [mailbox]}, "page": _page(1, 1, 50)}),
        httpx.Response(200, json={"_embedded": {"mailboxes": [mailbox]}, "page": _page(1, 2, 50)}),
        httpx.Response(200, json={"_embedded": {"mailboxes": [{**mailbox, "id": 86, "name": "Sales"}]}, "page": _page(2, 2, 50)}),
    ])
    result = await run_action(catalog.action("help_scout-list-mailboxes"), {}, auth=AUTH)
    assert_request(mailboxes.calls.last.request, "GET", "/mailboxes", params={"page": "1"})
    assert result.ret["mailboxes"] == [{"id": 85, "name": "Support", "slug": "e2b4d2d1a8c5a2f1", "email": "support@acme.com",
                                        "createdAt": "2026-01-01T09:00:00Z", "updatedAt": "2026-01-01T09:00:00Z"}]
    action = catalog.action("help_scout-create-conversation")
    first = await fetch_options(action, "mailboxId", {}, auth=AUTH)
    assert first["options"] == [{"label": "Support", "value": 85}] and first["context"] == {"page": 2}
    second = await fetch_options(action, "mailboxId", {}, auth=AUTH, page=1, prev_context=first["context"])
    assert_request(mailboxes.calls.last.request, "GET", "/mailboxes", params={"page": "2"})
    assert second["options"] == [{"label": "Sales", "value": 86}] and second["context"] is None

    users = respx_mock.get(f"{API}/users").mock(return_value=httpx.Response(200, json={"_embedded": {"users": [
        {"id": 256, "firstName": "Ada", "lastName": "Lovelace", "email": "ada@acme.com", "role": "owner",
         "timezone": "Europe/London", "type": "user", "mention": "ada", "initials": "AL"}]}, "page": _page(1, 1, 50)}))
    options = await fetch_options(action, "assignTo", {}, auth=AUTH)
    assert_request(users.calls.last.request, "GET", "/users", params={"page": "1"})
    assert options["options"] == [{"label": "Ada Lovelace <ada@acme.com>", "value": 256}]


async def test_validation_errors_and_rate_limits_say_what_to_do(catalog, respx_mock):
    respx_mock.post(f"{API}/customers").mock(return_value=httpx.Response(400, json={
        "logRef": "f7b6e5a0-1d2c-4b3a-9e8f-0a1b2c3d4e5f#12345", "message": "Bad request",
        "_embedded": {"errors": [{"path": "emails[0].value", "message": "must be a well-formed email address",
                                  "rejectedValue": "joe@", "source": "JSON"}]}}))
    bad = await run_action(catalog.action("help_scout-create-customer"), {"firstName": "Joe", "emails": ["joe@"]}, auth=AUTH)
    assert "Bad request; emails[0].value: must be a well-formed email address" in bad.error

    respx_mock.get(f"{API}/customers/12").mock(return_value=httpx.Response(
        429, headers={"X-RateLimit-Limit-Minute": "200", "X-RateLimit-Remaining-Minute": "0", "X-RateLimit-Retry-After": "17"},
        json={"message": "Too many requests"}))
    limited = await run_action(catalog.action("help_scout-get-customer"), {"customerId": 12}, auth=AUTH)
    assert "rate limited by Help Scout; retry after 17 s" in limited.error


async def test_account_test_names_the_user(catalog, respx_mock):
    app = catalog.app("help_scout")
    respx_mock.get(f"{API}/users/me").mock(return_value=httpx.Response(200, json={
        "id": 256, "firstName": "Ada", "lastName": "Lovelace", "email": "ada@acme.com", "role": "owner",
        "timezone": "Europe/London", "type": "user"}))
    async with httpx.AsyncClient() as client:
        http = AppHttp(client, app_name=app.name, headers=app.headers_for(AUTH), base_url=app.base_url_for(AUTH),
                       allowed_domains=app.allowed_domains_for(AUTH))
        identity = await app.test(AccountContext(auth=AUTH, http=http))
    assert identity.name == "ada@acme.com" and identity.external_id == "256"
