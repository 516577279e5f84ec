import base64
import json

import httpx

from mcp_gateway.catalog import AccountContext, AppHttp
from mcp_gateway.runtime.engine import fetch_options, run_action

API = "https://acme.freshdesk.com/api/v2"
AUTH = {"api_key": "sFw6Qc1ZtUvA9xYdKpLm", "domain": "acme"}
BASIC = "Basic " + base64.b64encode(b"sFw6Qc1ZtUvA9xYdKpLm:X").decode()


def assert_request(request, method, path, *, params=None, body=None):
    assert request.method == method
    assert str(request.url.copy_with(query=None)) == f"{API}{path}"
    assert dict(request.url.params) == (params or {})
    assert request.headers["authorization"] == BASIC
    if body is None:
        assert request.content == b""
    else:
        assert json.loads(request.content) == body


def _ticket(ticket_id=1042, subject="Order never arrived", **extra):
    return {"id": ticket_id, "subject": subject, "status": 2, "priority": 3, "source": 1, "type": "Problem",
            "requester_id": 5001, "responder_id": None, "group_id": 11, "company_id": None, "product_id": None,
            "email_config_id": None, "fr_escalated": False, "spam": False, "is_escalated": False, "tags": ["shipping"],
            "cc_emails": [], "fwd_emails": [], "reply_cc_emails": [], "to_emails": None, "custom_fields": {},
            "due_by": "2026-12-08T17:00:00Z", "fr_due_by": "2026-12-07T17:00:00Z",
            "created_at": "2026-12-06T09:00:00Z", "updated_at": "2026-12-06T10:00:00Z", **extra}


def _summary(ticket):
    return {"id": ticket["id"], "subject": ticket["subject"], "status": "Open", "priority": "High", "type": "Problem",
            "source": "Email", "requester_id": 5001, "responder_id": ticket["responder_id"], "group_id": 11,
            "company_id": None, "tags": ["shipping"], "due_by": "2026-12-08T17:00:00Z",
            "created_at": "2026-12-06T09:00:00Z", "updated_at": "2026-12-06T10:00:00Z"}


def _conversation(entry_id=9001, private=False, **extra):
    return {"id": entry_id, "body": "<div>We are on it</div>", "body_text": "We are on it", "incoming": False,
            "private": private, "user_id": 77, "support_email": "support@acme.com", "source": 0, "ticket_id": 1042,
            "to_emails": ["joe@example.com"], "from_email": "support@acme.com", "cc_emails": [], "bcc_emails": [],
            "attachments": [], "created_at": "2026-12-06T10:05:00Z", "updated_at": "2026-12-06T10:05:00Z", **extra}


def _next_link(page):
    return {"link": f'<{API}/tickets?per_page=2&page={page}>; rel="next"'}


async def test_list_tickets_pages_by_offset(catalog, respx_mock):
    route = respx_mock.get(f"{API}/tickets").mock(side_effect=[
        httpx.Response(200, headers=_next_link(2), json=[_ticket(), _ticket(1041)]),
        httpx.Response(200, json=[_ticket(1040)]),
    ])
    action = catalog.action("freshdesk-list-tickets")
    first = await run_action(action, {"requesterEmail": "joe@example.com", "orderBy": "updated_at", "limit": 2}, auth=AUTH)
    assert first.error is None, first.error
    assert_request(route.calls[0].request, "GET", "/tickets",
                   params={"email": "joe@example.com", "order_by": "updated_at", "per_page": "2", "page": "1"})
    assert first.ret == {"tickets": [_summary(_ticket()), _summary(_ticket(1041))], "next_cursor": "2"}
    second = await run_action(action, {"requesterEmail": "joe@example.com", "orderBy": "updated_at", "limit": 2,
                                       "cursor": "2"}, auth=AUTH)
    assert route.calls[1].request.url.params["page"] == "2"
    assert [t["id"] for t in second.ret["tickets"]] == [1040] and second.ret["next_cursor"] is None


async def test_a_cursor_that_splits_a_page_uses_smaller_pages(catalog, respx_mock):
    route = respx_mock.get(f"{API}/tickets").mock(side_effect=[
        httpx.Response(200, headers=_next_link(4), json=[_ticket(1), _ticket(2)]),
        httpx.Response(200, headers=_next_link(5), json=[_ticket(3), _ticket(4)]),
    ])
    result = await run_action(catalog.action("freshdesk-list-tickets"), {"limit": 3, "cursor": "4"}, auth=AUTH)
    assert [dict(c.request.url.params) for c in route.calls] == [{"per_page": "2", "page": "3"}, {"per_page": "2", "page": "4"}]
    assert [t["id"] for t in result.ret["tickets"]] == [1, 2, 3] and result.ret["next_cursor"] == "7"


async def test_search_tickets_quotes_the_query_and_pages_by_thirty(catalog, respx_mock):
    route = respx_mock.get(f"{API}/search/tickets").mock(side_effect=[
        httpx.Response(200, json={"results": [_ticket(i) for i in range(1, 31)], "total": 45}),
        httpx.Response(200, json={"results": [_ticket(i) for i in range(31, 46)], "total": 45}),
        httpx.Response(200, json={"results": [_ticket(i) for i in range(31, 46)], "total": 45}),
    ])
    result = await run_action(catalog.action("freshdesk-search-tickets"),
                              {"query": "status:2 AND priority:3", "limit": 40}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls[0].request, "GET", "/search/tickets", params={"query": '"status:2 AND priority:3"', "page": "1"})
    assert route.calls[1].request.url.params["page"] == "2"
    assert len(result.ret["tickets"]) == 40 and result.ret["total"] == 45 and result.ret["next_cursor"] == "40"
    assert result.summary == "Found 45 tickets; listed 40"
    rest = await run_action(catalog.action("freshdesk-search-tickets"),
                            {"query": "status:2 AND priority:3", "cursor": "40"}, auth=AUTH)
    assert route.calls[2].request.url.params["page"] == "2"
    assert [t["id"] for t in rest.ret["tickets"]] == [41, 42, 43, 44, 45] and rest.ret["next_cursor"] is None


async def test_get_ticket_includes_its_conversation(catalog, respx_mock):
    ticket = _ticket(description="<div>Where is it?</div>", description_text="Where is it?",
                     requester={"id": 5001, "name": "Joe Bloggs", "email": "joe@example.com", "mobile": None, "phone": None},
                     conversations=[_conversation()])
    route = respx_mock.get(f"{API}/tickets/1042").mock(return_value=httpx.Response(200, json=ticket))
    result = await run_action(catalog.action("freshdesk-get-ticket"), {"ticketId": 1042}, auth=AUTH)
    assert_request(route.calls.last.request, "GET", "/tickets/1042", params={"include": "conversations,requester"})
    assert result.ret["description_text"] == "Where is it?"
    assert result.ret["requester"] == {"id": 5001, "name": "Joe Bloggs", "email": "joe@example.com"}
    assert result.ret["conversations"] == [{"id": 9001, "ticket_id": 1042, "private": False, "incoming": False,
                                            "user_id": 77, "from_email": "support@acme.com",
                                            "to_emails": ["joe@example.com"], "body_text": "We are on it",
                                            "created_at": "2026-12-06T10:05:00Z"}]
    whole = await run_action(catalog.action("freshdesk-get-ticket"), {"ticketId": 1042, "fullResponse": True}, auth=AUTH)
    assert whole.ret == ticket


async def test_create_ticket_defaults_status_and_priority(catalog, respx_mock):
    route = respx_mock.post(f"{API}/tickets").mock(return_value=httpx.Response(201, json=_ticket(status=2, priority=1)))
    result = await run_action(catalog.action("freshdesk-create-ticket"), {
        "subject": "Order never arrived", "description": "Where is it?", "email": "joe@example.com",
        "name": "Joe Bloggs", "groupId": 11, "tags": ["shipping"], "customFields": {"cf_order_number": "A-19"}}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "POST", "/tickets", body={
        "subject": "Order never arrived", "description": "Where is it?", "status": 2, "priority": 1, "group_id": 11,
        "tags": ["shipping"], "custom_fields": {"cf_order_number": "A-19"}, "email": "joe@example.com",
        "name": "Joe Bloggs"})
    assert result.summary == "Created ticket #1042 'Order never arrived'"
    nobody = await run_action(catalog.action("freshdesk-create-ticket"), {"subject": "x", "description": "y"}, auth=AUTH)
    assert nobody.error == "say who the ticket is from: give the requester's email or requesterId"


async def test_update_ticket_and_a_validation_error(catalog, respx_mock):
    route = respx_mock.put(f"{API}/tickets/1042").mock(side_effect=[
        httpx.Response(200, json=_ticket(status=4, responder_id=77)),
        httpx.Response(400, json={"description": "Validation failed", "errors": [
            {"field": "responder_id", "message": "There is no agent matching the given responder_id", "code": "invalid_value"}]}),
    ])
    result = await run_action(catalog.action("freshdesk-update-ticket"), {"ticketId": 1042, "status": 4, "responderId": 77}, auth=AUTH)
    assert_request(route.calls.last.request, "PUT", "/tickets/1042", body={"status": 4, "responder_id": 77})
    assert result.ret["status"] == "Resolved" and result.ret["responder_id"] == 77
    failed = await run_action(catalog.action("freshdesk-update-ticket"), {"ticketId": 1042, "responderId": 5}, auth=AUTH)
    assert "responder_id: There is no agent matching the given responder_id" in failed.error
    assert "a value is not one Freshdesk accepts" in failed.error
    empty = await run_action(catalog.action("freshdesk-update-ticket"), {"ticketId": 1042}, auth=AUTH)
    assert empty.error.startswith("nothing to change") and route.call_count == 2


async def test_reply_note_and_delete(catalog, respx_mock):
    replied = respx_mock.post(f"{API}/tickets/1042/reply").mock(return_value=httpx.Response(201, json=_conversation()))
    result = await run_action(catalog.action("freshdesk-reply-to-ticket"),
                              {"ticketId": 1042, "body": "<p>We are on it</p>", "ccEmails": ["boss@example.com"]}, auth=AUTH)
    assert_request(replied.calls.last.request, "POST", "/tickets/1042/reply",
                   body={"body": "<p>We are on it</p>", "cc_emails": ["boss@example.com"]})
    assert result.ret["body_text"] == "We are on it"

    noted = respx_mock.post(f"{API}/tickets/1042/notes").mock(return_value=httpx.Response(201, json=_conversation(9002, True)))
    result = await run_action(catalog.action("freshdesk-add-note"),
                              {"ticketId": 1042, "body": "Carrier says Tuesday", "notifyEmails": ["ops@acme.com"]}, auth=AUTH)
    assert_request(noted.calls.last.request, "POST", "/tickets/1042/notes",
                   body={"body": "Carrier says Tuesday", "private": True, "notify_emails": ["ops@acme.com"]})
    assert result.summary == "Added a private note to ticket #1042"

    deleted = respx_mock.delete(f"{API}/tickets/1042").mock(return_value=httpx.Response(204))
    result = await run_action(catalog.action("freshdesk-delete-ticket"), {"ticketId": 1042}, auth=AUTH)
    assert_request(deleted.calls.last.request, "DELETE", "/tickets/1042")
    assert result.ret == {"id": 1042, "deleted": True}


def _contact(contact_id=5001):
    return {"id": contact_id, "name": "Joe Bloggs", "email": "joe@example.com", "phone": None, "mobile": None,
            "company_id": None, "job_title": None, "active": True, "address": None, "description": None,
            "language": "en", "time_zone": "Eastern Time (US & Canada)", "twitter_id": None, "other_emails": [],
            "custom_fields": {}, "tags": [], "created_at": "2026-12-01T09:00:00Z", "updated_at": "2026-12-01T09:00:00Z"}


async def test_list_and_create_contacts(catalog, respx_mock):
    listed = respx_mock.get(f"{API}/contacts").mock(return_value=httpx.Response(200, json=[_contact()]))
    result = await run_action(catalog.action("freshdesk-list-contacts"),
                              {"email": "joe@example.com", "updatedSince": "2026-11-01T00:00:00Z"}, auth=AUTH)
    assert_request(listed.calls.last.request, "GET", "/contacts", params={
        "email": "joe@example.com", "_updated_since": "2026-11-01T00:00:00Z", "per_page": "25", "page": "1"})
    assert result.ret["contacts"][0]["email"] == "joe@example.com" and result.ret["next_cursor"] is None

    created = respx_mock.post(f"{API}/contacts").mock(return_value=httpx.Response(201, json=_contact()))
    result = await run_action(catalog.action("freshdesk-create-contact"),
                              {"name": "Joe Bloggs", "email": "joe@example.com", "jobTitle": "Buyer"}, auth=AUTH)
    assert_request(created.calls.last.request, "POST", "/contacts",
                   body={"name": "Joe Bloggs", "email": "joe@example.com", "job_title": "Buyer"})
    assert result.summary == "Added the contact 'Joe Bloggs' (#5001)"
    missing = await run_action(catalog.action("freshdesk-create-contact"), {"name": "Joe"}, auth=AUTH)
    assert missing.error.startswith("give the contact an email, phone or mobile")


async def test_list_companies_and_agents(catalog, respx_mock):
    companies = respx_mock.get(f"{API}/companies").mock(return_value=httpx.Response(200, json=[
        {"id": 8, "name": "Globex", "description": None, "note": None, "domains": ["globex.com"], "custom_fields": {},
         "health_score": None, "account_tier": "Basic", "renewal_date": None, "industry": None,
         "created_at": "2026-11-01T09:00:00Z", "updated_at": "2026-11-01T09:00:00Z"}]))
    result = await run_action(catalog.action("freshdesk-list-companies"), {"limit": 10}, auth=AUTH)
    assert_request(companies.calls.last.request, "GET", "/companies", params={"per_page": "10", "page": "1"})
    assert result.ret["companies"] == [{"id": 8, "name": "Globex", "description": None, "domains": ["globex.com"],
                                        "industry": None, "created_at": "2026-11-01T09:00:00Z",
                                        "updated_at": "2026-11-01T09:00:00Z"}]

    agents = respx_mock.get(f"{API}/agents").mock(return_value=httpx.Response(200, json=[
        {"id": 77, "available": True, "occasional": False, "ticket_scope": 1, "signature": None, "group_ids": [11],
         "role_ids": [1], "created_at": "2026-01-01T09:00:00Z", "updated_at": "2026-01-01T09:00:00Z",
         "contact": {"active": True, "email": "ada@acme.com", "job_title": None, "language": "en",
                     "mobile": None, "name": "Ada Lovelace", "phone": None, "time_zone": "London"}}]))
    result = await run_action(catalog.action("freshdesk-list-agents"), {"email": "ada@acme.com"}, auth=AUTH)
    assert_request(agents.calls.last.request, "GET", "/agents", params={"email": "ada@acme.com", "per_page": "25", "page": "1"})
    assert result.ret["agents"] == [{"id": 77, "name": "Ada Lovelace", "email": "ada@acme.com", "available": True,
                                     "occasional": False, "group_ids": [11]}]
    options = await fetch_options(catalog.action("freshdesk-update-ticket"), "responderId", {}, auth=AUTH)
    assert_request(agents.calls.last.request, "GET", "/agents", params={"per_page": "100", "page": "1"})
    assert options["options"] == [{"label": "Ada Lovelace", "value": 77}]


async def test_group_options_page_by_number(catalog, respx_mock):
    route = respx_mock.get(f"{API}/groups").mock(return_value=httpx.Response(200, json=[
        {"id": 11, "name": "Shipping", "description": "Delivery questions", "escalate_to": None,
         "unassigned_for": "30m", "agent_ids": [77], "created_at": "2026-01-01T09:00:00Z", "updated_at": "2026-01-01T09:00:00Z"}]))
    options = await fetch_options(catalog.action("freshdesk-create-ticket"), "groupId", {}, auth=AUTH, page=1)
    assert_request(route.calls.last.request, "GET", "/groups", params={"per_page": "100", "page": "2"})
    assert options["options"] == [{"label": "Shipping", "value": 11}]


async def test_rate_limit_and_bad_key(catalog, respx_mock):
    respx_mock.get(f"{API}/tickets/1042").mock(side_effect=[
        httpx.Response(429, headers={"Retry-After": "41"}, json={"message": "You have exceeded the limit of requests per minute"}),
        httpx.Response(401, json={"code": "invalid_credentials", "message": "You have to be logged in to perform this action."}),
    ])
    action = catalog.action("freshdesk-get-ticket")
    assert "rate limited by Freshdesk; retry after 41 s" in (await run_action(action, {"ticketId": 1042}, auth=AUTH)).error
    assert "reconnect Freshdesk" in (await run_action(action, {"ticketId": 1042}, auth=AUTH)).error


async def test_a_full_hostname_as_domain_is_refused(catalog, respx_mock):
    result = await run_action(catalog.action("freshdesk-get-ticket"), {"ticketId": 1},
                              auth={**AUTH, "domain": "acme.freshdesk.com/x"})
    assert result.error and "first part of the address" in result.error
    assert not respx_mock.calls


async def test_account_test_names_the_agent_and_helpdesk(catalog, respx_mock):
    app = catalog.app("freshdesk")
    respx_mock.get(f"{API}/agents/me").mock(return_value=httpx.Response(200, json={
        "id": 77, "available": True, "occasional": False, "contact": {"email": "ada@acme.com", "name": "Ada Lovelace"}}))
    async with httpx.AsyncClient() as client:
        http = AppHttp(client, app_name=app.name, headers=app.headers_for(AUTH), base_url=app.base_url_for(AUTH),
                       allowed_domains=app.allowed_domains_for(AUTH))
        identity = await app.test(AccountContext(auth=AUTH, http=http))
    assert identity.name == "ada@acme.com @ acme.freshdesk.com" and identity.external_id == "77"
