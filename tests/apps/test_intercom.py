import json

import httpx

from mcp_gateway.catalog import AccountContext, AppHttp
from mcp_gateway.runtime.engine import fetch_options, run_action

API = "https://api.intercom.io"
AUTH = {"oauth_access_token": "dG9rOmludGVyY29tLXRva2Vu"}
CONTACT_ID = "6329bd9ffe4e3b5e0d0cbaf6"
ME = {"type": "admin", "id": "991267", "email": "ada@acme.com", "name": "Ada Lovelace", "email_verified": True,
      "app": {"type": "app", "id_code": "this_is_an_id", "name": "Acme", "created_at": 1663597223,
              "secure": False, "identity_verification": False, "timezone": "America/Los_Angeles", "region": "US"}}


def assert_request(request, method, path, *, params=None, body=None):
    assert request.method == method
    assert str(request.url.copy_with(query=None)) == f"{API}{path}"
    assert dict(request.url.params) == (params or {})
    assert request.headers["authorization"] == "Bearer dG9rOmludGVyY29tLXRva2Vu"
    assert request.headers["intercom-version"] == "2.11"
    if body is None:
        assert request.content == b""
    else:
        assert json.loads(request.content) == body


def _contact(contact_id=CONTACT_ID, email="joe@example.com", **extra):
    return {"type": "contact", "id": contact_id, "workspace_id": "this_is_an_id", "external_id": "user_1042",
            "role": "user", "email": email, "phone": None, "name": "Joe Bloggs", "avatar": None, "owner_id": None,
            "social_profiles": {"type": "list", "data": []}, "has_hard_bounced": False,
            "marked_email_as_spam": False, "unsubscribed_from_emails": False, "created_at": 1663597223,
            "updated_at": 1663597223, "signed_up_at": 1663597223, "last_seen_at": None,
            "custom_attributes": {"plan": "pro"}, **extra}


def _pages(after=None):
    return {"type": "pages", "page": 1, "per_page": 2, "total_pages": 2,
            **({"next": {"page": 2, "starting_after": after}} if after else {})}


def _conversation(conversation_id="147", **extra):
    return {"type": "conversation", "id": conversation_id, "title": None, "created_at": 1663597223,
            "updated_at": 1663597260, "waiting_since": 1663597260, "snoozed_until": None, "open": True,
            "state": "open", "read": False, "priority": "not_priority", "admin_assignee_id": None,
            "team_assignee_id": None, "tags": {"type": "tag.list", "tags": [{"type": "tag", "id": "81", "name": "VIP"}]},
            "source": {"type": "conversation", "id": "403918330", "delivered_as": "customer_initiated",
                       "subject": "", "body": "<p>My order is late</p>",
                       "author": {"type": "user", "id": CONTACT_ID, "name": "Joe Bloggs", "email": "joe@example.com"},
                       "attachments": [], "url": None, "redacted": False},
            "contacts": {"type": "contact.list", "contacts": [{"type": "contact", "id": CONTACT_ID, "external_id": "user_1042"}]},
            **extra}


async def test_search_contacts_pages_with_starting_after(catalog, respx_mock):
    query = {"field": "email", "operator": "~", "value": "example.com"}
    route = respx_mock.post(f"{API}/contacts/search").mock(side_effect=[
        httpx.Response(200, json={"type": "list", "data": [_contact(), _contact("a2", "eve@example.com")],
                                  "total_count": 3, "pages": _pages("WzE2NjM1OTcyMjMwMDAsIjYzMjkiXQ==")}),
        httpx.Response(200, json={"type": "list", "data": [_contact("a3", "bob@example.com")], "total_count": 3,
                                  "pages": _pages("WzE2NjM1OTcyMjMwMDAsImEzIl0=")}),
    ])
    result = await run_action(catalog.action("intercom-search-contacts"), {"query": query, "limit": 3}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls[0].request, "POST", "/contacts/search",
                   body={"query": query, "pagination": {"per_page": 3}})
    assert_request(route.calls[1].request, "POST", "/contacts/search", body={
        "query": query, "pagination": {"per_page": 1, "starting_after": "WzE2NjM1OTcyMjMwMDAsIjYzMjkiXQ=="}})
    assert [c["email"] for c in result.ret["contacts"]] == ["joe@example.com", "eve@example.com", "bob@example.com"]
    assert result.ret["next_cursor"] == "WzE2NjM1OTcyMjMwMDAsImEzIl0="
    assert result.ret["contacts"][0] == {
        "id": CONTACT_ID, "role": "user", "name": "Joe Bloggs", "email": "joe@example.com", "phone": None,
        "external_id": "user_1042", "owner_id": None, "created_at": 1663597223, "updated_at": 1663597223,
        "last_seen_at": None, "custom_attributes": {"plan": "pro"}}


async def test_get_create_and_update_contacts(catalog, respx_mock):
    got = respx_mock.get(f"{API}/contacts/{CONTACT_ID}").mock(return_value=httpx.Response(200, json=_contact()))
    result = await run_action(catalog.action("intercom-get-contact"), {"contactId": CONTACT_ID}, auth=AUTH)
    assert_request(got.calls.last.request, "GET", f"/contacts/{CONTACT_ID}")
    assert result.summary == "Read the contact Joe Bloggs" and "social_profiles" not in result.ret
    whole = await run_action(catalog.action("intercom-get-contact"), {"contactId": CONTACT_ID, "fullResponse": True}, auth=AUTH)
    assert whole.ret == _contact()

    created = respx_mock.post(f"{API}/contacts").mock(return_value=httpx.Response(200, json=_contact()))
    result = await run_action(catalog.action("intercom-create-contact"), {
        "role": "user", "email": "joe@example.com", "externalId": "user_1042", "name": "Joe Bloggs",
        "customAttributes": {"plan": "pro"}}, auth=AUTH)
    assert_request(created.calls.last.request, "POST", "/contacts", body={
        "email": "joe@example.com", "external_id": "user_1042", "name": "Joe Bloggs",
        "custom_attributes": {"plan": "pro"}, "role": "user"})
    assert result.summary == "Created the user joe@example.com"

    updated = respx_mock.put(f"{API}/contacts/{CONTACT_ID}").mock(return_value=httpx.Response(200, json=_contact(phone="+14155550100")))
    result = await run_action(catalog.action("intercom-update-contact"),
                              {"contactId": CONTACT_ID, "phone": "+14155550100", "ownerId": 991267}, auth=AUTH)
    assert_request(updated.calls.last.request, "PUT", f"/contacts/{CONTACT_ID}",
                   body={"phone": "+14155550100", "owner_id": 991267})
    assert result.ret["phone"] == "+14155550100"


async def test_create_contact_needs_an_identity_and_update_a_change(catalog, respx_mock):
    created = await run_action(catalog.action("intercom-create-contact"), {"name": "Nobody"}, auth=AUTH)
    assert created.error == "give the contact an email or an externalId (or make it a `lead`)"
    updated = await run_action(catalog.action("intercom-update-contact"), {"contactId": CONTACT_ID}, auth=AUTH)
    assert updated.error.startswith("nothing to change")
    assert not respx_mock.calls


async def test_a_duplicate_contact_says_to_update_it(catalog, respx_mock):
    respx_mock.post(f"{API}/contacts").mock(return_value=httpx.Response(409, json={
        "type": "error.list", "request_id": "b0c5ad5a-2a63-4d5c-9a1d-7e3b8b5e6a11",
        "errors": [{"code": "conflict", "message": "A contact matching those details already exists with id=6329bd9ffe4e3b5e0d0cbaf6"}]}))
    result = await run_action(catalog.action("intercom-create-contact"), {"email": "joe@example.com"}, auth=AUTH)
    assert "already exists" in result.error and "intercom-update-contact" in result.error


async def test_list_conversations_and_the_options(catalog, respx_mock):
    route = respx_mock.get(f"{API}/conversations").mock(side_effect=[
        httpx.Response(200, json={"type": "conversation.list", "pages": _pages("WzE2NjM1OTcyNjAwMDAsMTQ3XQ=="),
                                  "total_count": 2, "conversations": [_conversation()]}),
        httpx.Response(200, json={"type": "conversation.list", "pages": _pages(), "total_count": 2,
                                  "conversations": [_conversation("148", title="Refund")]}),
    ])
    result = await run_action(catalog.action("intercom-list-conversations"), {"limit": 1}, auth=AUTH)
    assert_request(route.calls[0].request, "GET", "/conversations", params={"per_page": "1"})
    assert result.ret["next_cursor"] == "WzE2NjM1OTcyNjAwMDAsMTQ3XQ=="
    assert result.ret["conversations"][0] == {
        "id": "147", "title": None, "state": "open", "read": False, "priority": "not_priority",
        "created_at": 1663597223, "updated_at": 1663597260, "waiting_since": 1663597260, "snoozed_until": None,
        "admin_assignee_id": None, "team_assignee_id": None, "subject": "", "body": "<p>My order is late</p>",
        "author": {"type": "user", "id": CONTACT_ID, "name": "Joe Bloggs", "email": "joe@example.com"},
        "contact_ids": [CONTACT_ID], "tags": ["VIP"]}
    options = await fetch_options(catalog.action("intercom-get-conversation"), "conversationId", {}, auth=AUTH)
    assert_request(route.calls[1].request, "GET", "/conversations", params={"per_page": "50"})
    assert options["options"] == [{"label": "Refund", "value": "148"}] and options["context"] is None


async def test_search_conversations(catalog, respx_mock):
    query = {"operator": "AND", "value": [{"field": "state", "operator": "=", "value": "open"},
                                          {"field": "contact_ids", "operator": "=", "value": CONTACT_ID}]}
    route = respx_mock.post(f"{API}/conversations/search").mock(return_value=httpx.Response(200, json={
        "type": "conversation.list", "pages": {"type": "pages", "page": 1, "per_page": 25, "total_pages": 1},
        "total_count": 1, "conversations": [_conversation()]}))
    result = await run_action(catalog.action("intercom-search-conversations"), {"query": query}, auth=AUTH)
    assert_request(route.calls.last.request, "POST", "/conversations/search",
                   body={"query": query, "pagination": {"per_page": 25}})
    assert result.ret["next_cursor"] is None and result.summary == "Found 1 conversation"


async def test_get_conversation_reads_its_parts_as_plain_text(catalog, respx_mock):
    conversation = _conversation(conversation_parts={"type": "conversation_part.list", "total_count": 1, "conversation_parts": [
        {"type": "conversation_part", "id": "99", "part_type": "comment", "body": "We are on it", "created_at": 1663597300,
         "updated_at": 1663597300, "notified_at": 1663597300, "assigned_to": None,
         "author": {"type": "admin", "id": "991267", "name": "Ada Lovelace", "email": "ada@acme.com"},
         "attachments": [], "redacted": False}]})
    route = respx_mock.get(f"{API}/conversations/147").mock(return_value=httpx.Response(200, json=conversation))
    result = await run_action(catalog.action("intercom-get-conversation"), {"conversationId": "147"}, auth=AUTH)
    assert_request(route.calls.last.request, "GET", "/conversations/147", params={"display_as": "plaintext"})
    assert result.ret["parts"] == [{"id": "99", "part_type": "comment", "body": "We are on it", "created_at": 1663597300,
                                    "author": {"type": "admin", "id": "991267", "name": "Ada Lovelace", "email": "ada@acme.com"}}]
    assert result.summary == "Read conversation 147 (1 parts)"


async def test_reply_acts_as_the_connected_admin_unless_told(catalog, respx_mock):
    me = respx_mock.get(f"{API}/me").mock(return_value=httpx.Response(200, json=ME))
    route = respx_mock.post(f"{API}/conversations/147/reply").mock(return_value=httpx.Response(200, json=_conversation()))
    result = await run_action(catalog.action("intercom-reply-to-conversation"),
                              {"conversationId": "147", "body": "<p>Shipped today</p>"}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(me.calls.last.request, "GET", "/me")
    assert_request(route.calls.last.request, "POST", "/conversations/147/reply", body={
        "message_type": "comment", "type": "admin", "admin_id": "991267", "body": "<p>Shipped today</p>"})
    assert result.summary == "Added a reply to conversation 147"

    await run_action(catalog.action("intercom-reply-to-conversation"), {
        "conversationId": "147", "body": "Check the carrier", "messageType": "note", "adminId": "5",
        "attachmentUrls": ["https://example.com/label.pdf"]}, auth=AUTH)
    assert json.loads(route.calls.last.request.content) == {
        "message_type": "note", "type": "admin", "admin_id": "5", "body": "Check the carrier",
        "attachment_urls": ["https://example.com/label.pdf"]}
    assert me.call_count == 1


async def test_manage_conversation_close_assign_snooze_open(catalog, respx_mock):
    route = respx_mock.post(f"{API}/conversations/147/parts").mock(return_value=httpx.Response(200, json=_conversation()))
    action = catalog.action("intercom-manage-conversation")
    result = await run_action(action, {"conversationId": "147", "action": "close", "body": "Thanks!", "adminId": "5"}, auth=AUTH)
    assert_request(route.calls.last.request, "POST", "/conversations/147/parts",
                   body={"message_type": "close", "admin_id": "5", "type": "admin", "body": "Thanks!"})
    assert result.summary == "Closed conversation 147"
    await run_action(action, {"conversationId": "147", "action": "assignment", "assigneeId": "814860", "adminId": "5"}, auth=AUTH)
    assert json.loads(route.calls.last.request.content) == {
        "message_type": "assignment", "admin_id": "5", "type": "admin", "assignee_id": "814860"}
    await run_action(action, {"conversationId": "147", "action": "snoozed", "snoozedUntil": 1673609604, "adminId": "5"}, auth=AUTH)
    assert json.loads(route.calls.last.request.content) == {"message_type": "snoozed", "admin_id": "5", "snoozed_until": 1673609604}
    await run_action(action, {"conversationId": "147", "action": "open", "adminId": "5"}, auth=AUTH)
    assert json.loads(route.calls.last.request.content) == {"message_type": "open", "admin_id": "5"}
    missing = await run_action(action, {"conversationId": "147", "action": "assignment", "adminId": "5"}, auth=AUTH)
    assert missing.error.startswith("assignment needs assigneeId") and route.call_count == 4


async def test_tag_contact_with_tag_options(catalog, respx_mock):
    tags = respx_mock.get(f"{API}/tags").mock(return_value=httpx.Response(200, json={
        "type": "list", "data": [{"type": "tag", "id": "81", "name": "VIP"}]}))
    options = await fetch_options(catalog.action("intercom-tag-contact"), "tagId", {}, auth=AUTH)
    assert_request(tags.calls.last.request, "GET", "/tags")
    assert options["options"] == [{"label": "VIP", "value": "81"}]
    route = respx_mock.post(f"{API}/contacts/{CONTACT_ID}/tags").mock(return_value=httpx.Response(200, json={
        "type": "tag", "id": "81", "name": "VIP"}))
    result = await run_action(catalog.action("intercom-tag-contact"), {"contactId": CONTACT_ID, "tagId": "81"}, auth=AUTH)
    assert_request(route.calls.last.request, "POST", f"/contacts/{CONTACT_ID}/tags", body={"id": "81"})
    assert result.ret == {"contact_id": CONTACT_ID, "tag": {"id": "81", "name": "VIP"}}


async def test_create_note_and_admin_options(catalog, respx_mock):
    admins = respx_mock.get(f"{API}/admins").mock(return_value=httpx.Response(200, json={"type": "admin.list", "admins": [
        {"type": "admin", "id": "991267", "name": "Ada Lovelace", "email": "ada@acme.com", "job_title": None,
         "away_mode_enabled": False, "away_mode_reassign": False, "has_inbox_seat": True, "team_ids": []}]}))
    options = await fetch_options(catalog.action("intercom-create-note"), "adminId", {}, auth=AUTH)
    assert_request(admins.calls.last.request, "GET", "/admins")
    assert options["options"] == [{"label": "Ada Lovelace <ada@acme.com>", "value": "991267"}]
    route = respx_mock.post(f"{API}/contacts/{CONTACT_ID}/notes").mock(return_value=httpx.Response(200, json={
        "type": "note", "id": "31", "created_at": 1663597400, "contact": {"type": "contact", "id": CONTACT_ID},
        "author": {"type": "admin", "id": "991267", "name": "Ada Lovelace", "email": "ada@acme.com"},
        "body": "<p>Asked about annual billing</p>"}))
    result = await run_action(catalog.action("intercom-create-note"),
                              {"contactId": CONTACT_ID, "body": "Asked about annual billing", "adminId": "991267"}, auth=AUTH)
    assert_request(route.calls.last.request, "POST", f"/contacts/{CONTACT_ID}/notes", body={
        "body": "Asked about annual billing", "contact_id": CONTACT_ID, "admin_id": "991267"})
    assert result.ret == {"id": "31", "body": "<p>Asked about annual billing</p>", "created_at": 1663597400,
                          "contact_id": CONTACT_ID, "author": "Ada Lovelace"}


async def test_create_or_update_company(catalog, respx_mock):
    route = respx_mock.post(f"{API}/companies").mock(return_value=httpx.Response(200, json={
        "type": "company", "company_id": "acme-42", "id": "531ee472cce572a6ec000006", "app_id": "this_is_an_id",
        "name": "Acme", "remote_created_at": 1663597223, "created_at": 1663597223, "updated_at": 1663597223,
        "monthly_spend": 100, "session_count": 0, "user_count": 3, "size": 50, "website": "https://acme.com",
        "industry": "Software", "plan": {"type": "plan", "id": "269315", "name": "Pro"}, "custom_attributes": {},
        "tags": {"type": "tag.list", "tags": []}, "segments": {"type": "segment.list", "segments": []}}))
    result = await run_action(catalog.action("intercom-create-or-update-company"), {
        "companyId": "acme-42", "name": "Acme", "plan": "Pro", "size": 50, "website": "https://acme.com",
        "monthlySpend": 100}, auth=AUTH)
    assert_request(route.calls.last.request, "POST", "/companies", body={
        "company_id": "acme-42", "name": "Acme", "plan": "Pro", "size": 50, "website": "https://acme.com",
        "monthly_spend": 100})
    assert result.ret["id"] == "531ee472cce572a6ec000006" and result.ret["plan"] == "Pro" and "segments" not in result.ret


async def test_a_rate_limit_gives_the_reset_time(catalog, respx_mock, monkeypatch):
    monkeypatch.setattr("mcp_gateway.catalog.http.time.time", lambda: 1700000000.0)
    respx_mock.get(f"{API}/contacts/{CONTACT_ID}").mock(return_value=httpx.Response(
        429, headers={"X-RateLimit-Limit": "10000", "X-RateLimit-Remaining": "0", "X-RateLimit-Reset": "1700000030"},
        json={"type": "error.list", "errors": [{"code": "rate_limit_exceeded", "message": "Exceeded rate limit of 10000 in 60 seconds"}]}))
    result = await run_action(catalog.action("intercom-get-contact"), {"contactId": CONTACT_ID}, auth=AUTH)
    assert "Exceeded rate limit" in result.error and "rate limited by Intercom; retry after 30 s" in result.error


async def test_account_test_names_the_admin_and_workspace(catalog, respx_mock):
    app = catalog.app("intercom")
    respx_mock.get(f"{API}/me").mock(return_value=httpx.Response(200, json=ME))
    async with httpx.AsyncClient() as client:
        http = AppHttp(client, app_name=app.name, headers=app.headers_for(AUTH), base_url=app.base_url_for(AUTH),
                       allowed_domains=app.allowed_domains_for(AUTH))
        identity = await app.test(AccountContext(auth=AUTH, http=http))
    assert identity.name == "ada@acme.com @ Acme" and identity.external_id == "991267"
