"""Zendesk actions, options and account test against https://{subdomain}.zendesk.com/api/v2.

Responses are shaped like the examples of Zendesk's Support API reference
(https://developer.zendesk.com/api-reference/ticketing/introduction/).
"""

import base64
import json

import httpx
import pytest

from mcp_gateway.catalog import (
    AccountContext,
    ActionError,
    AppHttp,
    Identity,
    UpstreamError,
)
from mcp_gateway.runtime.engine import fetch_options, run_action
from mcp_gateway.runtime.errors import ConfigurationError

API = "https://acme.zendesk.com/api/v2"
AUTH = {"email": "agent@acme.com", "api_token": "6wiIBWbGkBMo1mRDMuVwkw1EPsNkeUj95PIz2akv", "subdomain": "acme"}
BASIC = "Basic " + base64.b64encode(b"agent@acme.com/token:6wiIBWbGkBMo1mRDMuVwkw1EPsNkeUj95PIz2akv").decode()
TICKET = 35436


def _ticket(*, ticket_id=TICKET, status="open", subject="Help, my printer is on fire!", **extra):
    ticket = {
        "id": ticket_id,
        "url": f"{API}/tickets/{ticket_id}.json",
        "external_id": None,
        "via": {"channel": "api", "source": {"from": {}, "to": {}, "rel": None}},
        "created_at": "2025-06-20T22:55:29Z",
        "updated_at": "2025-06-21T09:12:00Z",
        "type": "incident",
        "subject": subject,
        "raw_subject": subject,
        "description": "The fire is very colorful.",
        "priority": "high",
        "status": status,
        "recipient": "support@acme.zendesk.com",
        "requester_id": 20978392,
        "submitter_id": 76872,
        "assignee_id": 235323,
        "organization_id": 509974,
        "group_id": 98738,
        "collaborator_ids": [],
        "follower_ids": [],
        "email_cc_ids": [],
        "forum_topic_id": None,
        "problem_id": None,
        "has_incidents": False,
        "is_public": True,
        "due_at": None,
        "tags": ["enterprise", "printer"],
        "custom_fields": [{"id": 27642, "value": "745"}, {"id": 27648, "value": None}],
        "satisfaction_rating": None,
        "sharing_agreement_ids": [],
        "custom_status_id": 123,
        "brand_id": 360001,
        "allow_channelback": False,
        "allow_attachments": True,
    }
    ticket.update(extra)
    return ticket


def _audit(comment_id=1274, public=True):
    return {
        "id": 2127301143,
        "ticket_id": TICKET,
        "created_at": "2025-06-21T09:12:00Z",
        "author_id": 76872,
        "events": [
            {
                "id": comment_id,
                "type": "Comment",
                "author_id": 76872,
                "body": "Thanks!",
                "public": public,
                "attachments": [],
            },
            {"id": 1275, "type": "Change", "field_name": "status", "value": "pending", "previous_value": "open"},
        ],
    }


def _user(user_id=20978392, name="Roger Wilco", email="roger@example.com", role="end-user"):
    return {
        "id": user_id,
        "url": f"{API}/users/{user_id}.json",
        "name": name,
        "email": email,
        "created_at": "2025-01-09T12:00:00Z",
        "time_zone": "Copenhagen",
        "phone": None,
        "organization_id": 509974,
        "role": role,
        "verified": True,
        "external_id": None,
        "tags": [],
        "suspended": False,
    }


def assert_zendesk(request, method, url, params=None):
    assert request.method == method
    assert str(request.url.copy_with(query=None)) == url
    expected = params.items() if isinstance(params, dict) else params or []
    assert list(request.url.params.multi_items()) == list(expected)
    assert request.headers["authorization"] == BASIC


def body_of(request):
    assert request.headers["content-type"] == "application/json"
    return json.loads(request.content)


# Tickets


async def test_create_ticket_for_a_new_requester(catalog, respx_mock):
    route = respx_mock.post(f"{API}/tickets").mock(
        return_value=httpx.Response(201, json={"ticket": _ticket(status="new"), "audit": _audit()})
    )
    result = await run_action(
        catalog.action("zendesk-create-ticket"),
        {
            "subject": "Help, my printer is on fire!",
            "body": "The fire is very colorful.",
            "requesterEmail": "roger@example.com",
            "requesterName": "Roger Wilco",
            "assignee": 235323,
            "group": 98738,
            "priority": "high",
            "type": "incident",
            "tags": ["enterprise", "printer"],
            "customFields": [{"id": 27642, "value": "745"}],
        },
        auth=AUTH,
    )
    assert result.error is None, result.error
    sent = route.calls.last.request
    assert_zendesk(sent, "POST", f"{API}/tickets")
    assert body_of(sent) == {
        "ticket": {
            "subject": "Help, my printer is on fire!",
            "comment": {"body": "The fire is very colorful.", "public": True},
            "requester": {"email": "roger@example.com", "name": "Roger Wilco"},
            "assignee_id": 235323,
            "group_id": 98738,
            "priority": "high",
            "type": "incident",
            "tags": ["enterprise", "printer"],
            "custom_fields": [{"id": 27642, "value": "745"}],
        }
    }
    assert result.ret["id"] == TICKET
    assert result.ret["agent_url"] == f"https://acme.zendesk.com/agent/tickets/{TICKET}"
    assert result.ret["custom_fields"] == [{"id": 27642, "value": "745"}]
    assert result.ret["channel"] == "api"
    assert result.summary == f"Created ticket #{TICKET}: Help, my printer is on fire!"


async def test_create_ticket_checks_its_values_before_sending(catalog, respx_mock):
    both = await run_action(
        catalog.action("zendesk-create-ticket"),
        {"subject": "x", "body": "y", "requesterEmail": "a@example.com", "requesterId": 1},
        auth=AUTH,
    )
    assert "either requesterEmail or requesterId" in both.error
    bad = await run_action(
        catalog.action("zendesk-create-ticket"), {"subject": "x", "body": "y", "priority": "asap"}, auth=AUTH
    )
    assert "priority must be one of low, normal, high, urgent" in bad.error
    fields = await run_action(
        catalog.action("zendesk-create-ticket"),
        {"subject": "x", "body": "y", "customFields": [{"value": 1}]},
        auth=AUTH,
    )
    assert "needs an `id` and a `value`" in fields.error
    assert not respx_mock.calls


async def test_update_ticket_sends_only_the_changes(catalog, respx_mock):
    route = respx_mock.put(f"{API}/tickets/{TICKET}").mock(
        return_value=httpx.Response(
            200, json={"ticket": _ticket(status="pending", priority="urgent", tags=[]), "audit": _audit()}
        )
    )
    result = await run_action(
        catalog.action("zendesk-update-ticket"),
        {"ticket": TICKET, "status": "pending", "priority": "urgent", "tags": []},
        auth=AUTH,
    )
    assert result.error is None, result.error
    sent = route.calls.last.request
    assert_zendesk(sent, "PUT", f"{API}/tickets/{TICKET}")
    assert body_of(sent) == {"ticket": {"status": "pending", "priority": "urgent", "tags": []}}
    assert result.ret["status"] == "pending" and result.ret["tags"] == []
    assert result.summary == f"Updated ticket #{TICKET} (priority, status, tags)"

    nothing = await run_action(catalog.action("zendesk-update-ticket"), {"ticket": TICKET}, auth=AUTH)
    assert nothing.error.startswith("nothing to change")
    assert route.call_count == 1


async def test_get_ticket(catalog, respx_mock):
    route = respx_mock.get(f"{API}/tickets/{TICKET}").mock(return_value=httpx.Response(200, json={"ticket": _ticket()}))
    result = await run_action(catalog.action("zendesk-get-ticket"), {"ticket": TICKET}, auth=AUTH)
    assert result.error is None, result.error
    assert_zendesk(route.calls.last.request, "GET", f"{API}/tickets/{TICKET}")
    assert result.ret["subject"] == "Help, my printer is on fire!"
    assert result.ret["requester_id"] == 20978392
    assert result.summary == f"Retrieved ticket #{TICKET} (open): Help, my printer is on fire!"


async def test_search_tickets_adds_the_ticket_type_and_sorting(catalog, respx_mock):
    route = respx_mock.get(f"{API}/search").mock(
        return_value=httpx.Response(
            200,
            json={
                "results": [{**_ticket(), "result_type": "ticket"}],
                "facets": None,
                "next_page": f"{API}/search.json?page=3&per_page=10&query=type%3Aticket+status%3Copen",
                "previous_page": f"{API}/search.json?page=1&per_page=10&query=type%3Aticket+status%3Copen",
                "count": 21,
            },
        )
    )
    result = await run_action(
        catalog.action("zendesk-search-tickets"),
        {"query": "status<solved tags:printer", "sortBy": "updated_at", "sortOrder": "asc", "limit": 10, "cursor": "10"},
        auth=AUTH,
    )
    assert result.error is None, result.error
    assert_zendesk(
        route.calls.last.request,
        "GET",
        f"{API}/search",
        {
            "query": "type:ticket status<solved tags:printer",
            "per_page": "10",
            "page": "2",
            "sort_by": "updated_at",
            "sort_order": "asc",
        },
    )
    assert result.ret["count"] == 21 and result.ret["next_cursor"] == "20"
    assert [t["id"] for t in result.ret["tickets"]] == [TICKET]
    assert result.ret["tickets"][0]["agent_url"] == f"https://acme.zendesk.com/agent/tickets/{TICKET}"
    assert result.summary == "Found 21 tickets for 'status<solved tags:printer', returned 1"


async def test_add_comment_as_an_internal_note_and_set_pending(catalog, respx_mock):
    route = respx_mock.put(f"{API}/tickets/{TICKET}").mock(
        return_value=httpx.Response(200, json={"ticket": _ticket(status="pending"), "audit": _audit(public=False)})
    )
    result = await run_action(
        catalog.action("zendesk-add-comment"),
        {"ticket": TICKET, "body": "Asked the customer for the model number.", "public": False, "status": "pending"},
        auth=AUTH,
    )
    assert result.error is None, result.error
    sent = route.calls.last.request
    assert_zendesk(sent, "PUT", f"{API}/tickets/{TICKET}")
    assert body_of(sent) == {
        "ticket": {
            "comment": {"body": "Asked the customer for the model number.", "public": False},
            "status": "pending",
        }
    }
    assert result.ret == {
        "ticket_id": TICKET,
        "comment_id": 1274,
        "public": False,
        "status": "pending",
        "updated_at": "2025-06-21T09:12:00Z",
    }
    assert result.summary == f"Added an internal note to ticket #{TICKET}"


async def test_add_comment_public_reply(catalog, respx_mock):
    route = respx_mock.put(f"{API}/tickets/{TICKET}").mock(
        return_value=httpx.Response(200, json={"ticket": _ticket(), "audit": _audit()})
    )
    result = await run_action(
        catalog.action("zendesk-add-comment"),
        {"ticket": TICKET, "body": "We are on it.", "public": True, "authorId": 76872},
        auth=AUTH,
    )
    assert result.error is None, result.error
    assert body_of(route.calls.last.request) == {
        "ticket": {"comment": {"body": "We are on it.", "public": True, "author_id": 76872}}
    }
    assert result.summary == f"Added a public reply to ticket #{TICKET}"


async def test_list_ticket_comments_newest_first_with_a_cursor(catalog, respx_mock):
    route = respx_mock.get(f"{API}/tickets/{TICKET}/comments").mock(
        return_value=httpx.Response(
            200,
            json={
                "comments": [
                    {
                        "id": 1274,
                        "type": "Comment",
                        "body": "Thanks for your help!",
                        "html_body": '<div class="zd-comment"><p>Thanks for your help!</p></div>',
                        "plain_body": "Thanks for your help!",
                        "public": True,
                        "author_id": 20978392,
                        "attachments": [
                            {
                                "id": 498483,
                                "file_name": "crash.log",
                                "content_url": "https://acme.zendesk.com/attachments/token/abc/?name=crash.log",
                                "content_type": "text/plain",
                                "size": 2532,
                                "thumbnails": [],
                            }
                        ],
                        "audit_id": 432567,
                        "via": {"channel": "email"},
                        "metadata": {"system": {}},
                        "created_at": "2025-06-21T08:55:29Z",
                    }
                ],
                "meta": {
                    "has_more": True,
                    "after_cursor": "xXOMyU45lUTBFaTlRSmVhZFQ5R",
                    "before_cursor": "yYOMyU45lUTBFaTlRSmVhZFQ5R",
                },
                "links": {
                    "next": f"{API}/tickets/{TICKET}/comments.json?page%5Bafter%5D=xXOMyU45lUTBFaTlRSmVhZFQ5R&page%5Bsize%5D=1",
                    "prev": None,
                },
            },
        )
    )
    result = await run_action(
        catalog.action("zendesk-list-ticket-comments"),
        {"ticket": TICKET, "newestFirst": True, "limit": 1, "cursor": "wWOMyU45lUTBFaTlRSmVhZFQ5R"},
        auth=AUTH,
    )
    assert result.error is None, result.error
    assert_zendesk(
        route.calls.last.request,
        "GET",
        f"{API}/tickets/{TICKET}/comments",
        {"page[size]": "1", "page[after]": "wWOMyU45lUTBFaTlRSmVhZFQ5R", "sort": "-created_at"},
    )
    assert result.ret["next_cursor"] == "xXOMyU45lUTBFaTlRSmVhZFQ5R"
    assert result.ret["comments"] == [
        {
            "id": 1274,
            "author_id": 20978392,
            "public": True,
            "body": "Thanks for your help!",
            "created_at": "2025-06-21T08:55:29Z",
            "attachments": [
                {
                    "id": 498483,
                    "file_name": "crash.log",
                    "content_type": "text/plain",
                    "size": 2532,
                    "content_url": "https://acme.zendesk.com/attachments/token/abc/?name=crash.log",
                }
            ],
        }
    ]
    assert result.summary == f"Listed 1 comment on ticket #{TICKET} (more available)"


async def test_delete_ticket(catalog, respx_mock):
    route = respx_mock.delete(f"{API}/tickets/{TICKET}").mock(return_value=httpx.Response(204))
    result = await run_action(catalog.action("zendesk-delete-ticket"), {"ticket": TICKET}, auth=AUTH)
    assert result.error is None, result.error
    assert_zendesk(route.calls.last.request, "DELETE", f"{API}/tickets/{TICKET}")
    assert result.ret == {"id": TICKET, "deleted": True}
    assert result.summary == f"Deleted ticket #{TICKET}"


async def test_list_view_tickets(catalog, respx_mock):
    route = respx_mock.get(f"{API}/views/25/tickets").mock(
        return_value=httpx.Response(
            200,
            json={
                "tickets": [_ticket(), _ticket(ticket_id=35437, subject="Paper jam")],
                "meta": {"has_more": False, "after_cursor": "aXOMyU45", "before_cursor": "bXOMyU45"},
                "links": {"next": None, "prev": None},
            },
        )
    )
    result = await run_action(catalog.action("zendesk-list-view-tickets"), {"view": 25, "limit": 2}, auth=AUTH)
    assert result.error is None, result.error
    assert_zendesk(route.calls.last.request, "GET", f"{API}/views/25/tickets", {"page[size]": "2"})
    assert [t["subject"] for t in result.ret["tickets"]] == ["Help, my printer is on fire!", "Paper jam"]
    assert result.ret["next_cursor"] is None
    assert result.summary == "Listed 2 tickets in view 25"


# Users


async def test_create_user(catalog, respx_mock):
    route = respx_mock.post(f"{API}/users").mock(return_value=httpx.Response(201, json={"user": _user()}))
    result = await run_action(
        catalog.action("zendesk-create-user"),
        {
            "name": "Roger Wilco",
            "email": "roger@example.com",
            "organizationId": 509974,
            "tags": ["vip"],
            "verified": True,
        },
        auth=AUTH,
    )
    assert result.error is None, result.error
    sent = route.calls.last.request
    assert_zendesk(sent, "POST", f"{API}/users")
    assert body_of(sent) == {
        "user": {
            "name": "Roger Wilco",
            "role": "end-user",
            "email": "roger@example.com",
            "organization_id": 509974,
            "tags": ["vip"],
            "verified": True,
        }
    }
    assert result.ret["id"] == 20978392 and result.ret["email"] == "roger@example.com"
    assert result.summary == "Created end-user Roger Wilco (user 20978392)"


async def test_create_user_with_a_taken_email_reports_zendesks_details(catalog, respx_mock):
    respx_mock.post(f"{API}/users").mock(
        return_value=httpx.Response(
            422,
            json={
                "error": "RecordInvalid",
                "description": "Record validation errors",
                "details": {
                    "email": [
                        {
                            "description": "Email: roger@example.com is already being used by another user",
                            "error": "DuplicateValue",
                        }
                    ]
                },
            },
        )
    )
    result = await run_action(
        catalog.action("zendesk-create-user"), {"name": "Roger Wilco", "email": "roger@example.com"}, auth=AUTH
    )
    assert result.error.startswith(f"Zendesk API error 422 on POST {API}/users: RecordInvalid")
    assert (
        "[Record validation errors; email: Email: roger@example.com is already being used by another user]"
        in result.error
    )


async def test_find_users_by_query_or_external_id(catalog, respx_mock):
    route = respx_mock.get(f"{API}/users/search").mock(
        return_value=httpx.Response(
            200, json={"users": [_user()], "next_page": None, "previous_page": None, "count": 1}
        )
    )
    result = await run_action(catalog.action("zendesk-find-users"), {"query": "roger@example.com"}, auth=AUTH)
    assert result.error is None, result.error
    assert_zendesk(
        route.calls.last.request, "GET", f"{API}/users/search", {"query": "roger@example.com", "page": "1", "per_page": "25"}
    )
    assert result.ret["next_cursor"] is None
    assert [u["name"] for u in result.ret["users"]] == ["Roger Wilco"]
    assert result.summary == "Found 1 user for 'roger@example.com'"

    by_external = await run_action(catalog.action("zendesk-find-users"), {"externalId": "crm-4411"}, auth=AUTH)
    assert by_external.error is None
    assert_zendesk(
        route.calls.last.request, "GET", f"{API}/users/search", {"external_id": "crm-4411", "page": "1", "per_page": "25"}
    )
    neither = await run_action(catalog.action("zendesk-find-users"), {}, auth=AUTH)
    assert "give either a query or an externalId" in neither.error


# Attachments


async def test_add_attachment_uploads_then_comments_with_the_token(catalog, respx_mock, tmp_path):
    (tmp_path / "invoice.pdf").write_bytes(b"%PDF-1.7 invoice 42\n")
    upload = respx_mock.post(f"{API}/uploads").mock(
        return_value=httpx.Response(
            201,
            json={
                "upload": {
                    "token": "6bk3gql82em5nmf",
                    "expires_at": "2025-06-24T09:12:00Z",
                    "attachment": {
                        "id": 498484,
                        "file_name": "invoice.pdf",
                        "content_type": "application/pdf",
                        "size": 20,
                        "content_url": "https://acme.zendesk.com/attachments/token/6bk3gql82em5nmf/?name=invoice.pdf",
                        "inline": False,
                        "deleted": False,
                        "thumbnails": [],
                    },
                    "attachments": [],
                }
            },
        )
    )
    comment = respx_mock.put(f"{API}/tickets/{TICKET}").mock(
        return_value=httpx.Response(200, json={"ticket": _ticket(), "audit": _audit(comment_id=1276)})
    )
    result = await run_action(
        catalog.action("zendesk-add-attachment"),
        {"ticket": TICKET, "filePath": "/tmp/invoice.pdf", "body": "Here is the invoice.", "public": True},
        auth=AUTH,
        tmp_dir=tmp_path,
    )
    assert result.error is None, result.error
    sent = upload.calls.last.request
    assert_zendesk(sent, "POST", f"{API}/uploads", {"filename": "invoice.pdf"})
    assert sent.headers["content-type"] == "application/pdf"
    assert sent.content == b"%PDF-1.7 invoice 42\n"
    assert_zendesk(comment.calls.last.request, "PUT", f"{API}/tickets/{TICKET}")
    assert body_of(comment.calls.last.request) == {
        "ticket": {"comment": {"body": "Here is the invoice.", "public": True, "uploads": ["6bk3gql82em5nmf"]}}
    }
    assert result.ret["comment_id"] == 1276
    assert result.ret["attachment"]["id"] == 498484
    assert result.summary == f"Attached invoice.pdf (20 bytes) to ticket #{TICKET} in a public reply"


async def test_add_attachment_needs_a_file_in_tmp(catalog, respx_mock, tmp_path):
    result = await run_action(
        catalog.action("zendesk-add-attachment"),
        {"ticket": TICKET, "filePath": "/tmp/missing.pdf", "body": "x", "public": False},
        auth=AUTH,
        tmp_dir=tmp_path,
    )
    assert "/tmp/missing.pdf is not a file in /tmp" in result.error
    assert not respx_mock.calls


# Errors and rate limits


async def test_a_missing_ticket_reports_zendesks_description(catalog, respx_mock):
    respx_mock.get(f"{API}/tickets/999999").mock(
        return_value=httpx.Response(404, json={"error": "RecordNotFound", "description": "Not found"})
    )
    result = await run_action(catalog.action("zendesk-get-ticket"), {"ticket": 999999}, auth=AUTH)
    assert result.error.startswith(f"Zendesk API error 404 on GET {API}/tickets/999999: RecordNotFound")
    assert "check that the IDs passed are correct" in result.error
    assert result.error.endswith("[Not found]")


async def test_a_429_says_when_to_retry(catalog, respx_mock):
    respx_mock.get(f"{API}/search").mock(
        return_value=httpx.Response(429, text="Rate limited", headers={"Retry-After": "93"})
    )
    result = await run_action(catalog.action("zendesk-search-tickets"), {"query": "printer"}, auth=AUTH)
    assert "Zendesk API error 429" in result.error
    assert "retry after 93 s" in result.error


async def test_an_account_without_a_subdomain_is_refused_before_any_request(catalog, respx_mock):
    with pytest.raises(ConfigurationError, match="no value for custom field 'subdomain'"):
        await run_action(
            catalog.action("zendesk-get-ticket"), {"ticket": TICKET}, auth={"email": "a@b.c", "api_token": "t"}
        )
    assert not respx_mock.calls


# Remote options


async def test_group_options_follow_the_cursor(catalog, respx_mock):
    route = respx_mock.get(f"{API}/groups").mock(
        side_effect=[
            httpx.Response(
                200,
                json={
                    "groups": [{"id": 98738, "name": "Tier 1", "default": True, "deleted": False}],
                    "meta": {"has_more": True, "after_cursor": "eyJvIjoibmljZV9pZCJ9", "before_cursor": None},
                    "links": {"next": f"{API}/groups.json?page%5Bafter%5D=eyJvIjoibmljZV9pZCJ9", "prev": None},
                },
            ),
            httpx.Response(
                200,
                json={
                    "groups": [{"id": 98739, "name": "Tier 2", "default": False, "deleted": False}],
                    "meta": {
                        "has_more": False,
                        "after_cursor": "eyJvIjoibmljZV9pZSJ9",
                        "before_cursor": "eyJvIjoibmljZV9pZCJ9",
                    },
                    "links": {"next": None, "prev": None},
                },
            ),
        ]
    )
    action = catalog.action("zendesk-create-ticket")
    first = await fetch_options(action, "group", {}, auth=AUTH)
    assert first["options"] == [{"label": "Tier 1", "value": 98738}]
    assert first["context"] == {"after": "eyJvIjoibmljZV9pZCJ9"}
    assert_zendesk(route.calls[0].request, "GET", f"{API}/groups", {"page[size]": "100"})
    second = await fetch_options(action, "group", {}, auth=AUTH, page=1, prev_context=first["context"])
    assert second["options"] == [{"label": "Tier 2", "value": 98739}]
    assert second["context"] is None
    assert_zendesk(
        route.calls[1].request, "GET", f"{API}/groups", {"page[size]": "100", "page[after]": "eyJvIjoibmljZV9pZCJ9"}
    )


async def test_assignee_and_view_options(catalog, respx_mock):
    users = respx_mock.get(f"{API}/users").mock(
        return_value=httpx.Response(
            200,
            json={
                "users": [_user(235323, "Ada Agent", "ada@acme.com", "agent")],
                "meta": {"has_more": False, "after_cursor": None, "before_cursor": None},
            },
        )
    )
    response = await fetch_options(catalog.action("zendesk-update-ticket"), "assignee", {}, auth=AUTH)
    assert response["options"] == [{"label": "Ada Agent <ada@acme.com>", "value": 235323}]
    assert_zendesk(
        users.calls.last.request,
        "GET",
        f"{API}/users",
        [("role[]", "agent"), ("role[]", "admin"), ("page[size]", "100")],
    )

    views = respx_mock.get(f"{API}/views").mock(
        return_value=httpx.Response(
            200,
            json={
                "views": [{"id": 25, "title": "Your unsolved tickets", "active": True}],
                "meta": {"has_more": False, "after_cursor": None, "before_cursor": None},
            },
        )
    )
    response = await fetch_options(catalog.action("zendesk-list-view-tickets"), "view", {}, auth=AUTH)
    assert response["options"] == [{"label": "Your unsolved tickets", "value": 25}]
    assert_zendesk(views.calls.last.request, "GET", f"{API}/views", {"active": "true", "page[size]": "100"})


# Account test


async def _account_test(app, creds):
    async with httpx.AsyncClient() as client:
        http = AppHttp(
            client,
            app_name=app.name,
            headers=app.headers_for(creds),
            base_url=app.base_url_for(creds),
            allowed_domains=app.allowed_domains_for(creds),
        )
        return await app.test(AccountContext(auth=creds, http=http))


async def test_account_test_names_the_agent_and_account(catalog, respx_mock):
    route = respx_mock.get(f"{API}/users/me").mock(
        return_value=httpx.Response(200, json={"user": _user(76872, "Ada Agent", "agent@acme.com", "admin")})
    )
    identity = await _account_test(catalog.apps["zendesk"], AUTH)
    assert identity == Identity(name="Ada Agent <agent@acme.com> @ acme.zendesk.com", external_id="76872")
    assert_zendesk(route.calls.last.request, "GET", f"{API}/users/me")


async def test_account_test_refuses_anonymous_answers_bad_tokens_and_full_hostnames(catalog, respx_mock):
    route = respx_mock.get(f"{API}/users/me").mock(
        side_effect=[
            httpx.Response(
                200,
                json={
                    "user": {"id": None, "name": "Anonymous user", "email": "invalid@example.com", "role": "end-user"}
                },
            ),
            httpx.Response(401, json={"error": "Couldn't authenticate you"}),
        ]
    )
    with pytest.raises(ActionError, match="anonymous user"):
        await _account_test(catalog.apps["zendesk"], AUTH)
    with pytest.raises(UpstreamError, match="Couldn't authenticate you") as raised:
        await _account_test(catalog.apps["zendesk"], AUTH)
    assert raised.value.status == 401
    with pytest.raises(ActionError, match="enter only the first part"):
        await _account_test(catalog.apps["zendesk"], {**AUTH, "subdomain": "acme.zendesk"})
    assert route.call_count == 2


# Trimmed output and paging


async def test_get_ticket_full_response_returns_zendesks_ticket_whole(catalog, respx_mock):
    respx_mock.get(f"{API}/tickets/{TICKET}").mock(return_value=httpx.Response(200, json={"ticket": _ticket()}))
    result = await run_action(catalog.action("zendesk-get-ticket"), {"ticket": TICKET, "fullResponse": True}, auth=AUTH)
    assert result.error is None, result.error
    assert result.ret == _ticket()
    trimmed = await run_action(catalog.action("zendesk-get-ticket"), {"ticket": TICKET}, auth=AUTH)
    assert "raw_subject" not in trimmed.ret and trimmed.ret["custom_fields"] == [{"id": 27642, "value": "745"}]


async def test_search_tickets_cursor_round_trip(catalog, respx_mock):
    route = respx_mock.get(f"{API}/search").mock(
        side_effect=[
            httpx.Response(
                200,
                json={
                    "results": [{**_ticket(ticket_id=n), "result_type": "ticket"} for n in (1, 2)],
                    "facets": None,
                    "next_page": f"{API}/search.json?page=2&per_page=2&query=type%3Aticket+printer",
                    "previous_page": None,
                    "count": 3,
                },
            ),
            httpx.Response(
                200,
                json={
                    "results": [{**_ticket(ticket_id=3), "result_type": "ticket"}],
                    "facets": None,
                    "next_page": None,
                    "previous_page": f"{API}/search.json?page=1&per_page=2&query=type%3Aticket+printer",
                    "count": 3,
                },
            ),
        ]
    )
    action = catalog.action("zendesk-search-tickets")
    first = await run_action(action, {"query": "printer", "limit": 2}, auth=AUTH)
    assert [t["id"] for t in first.ret["tickets"]] == [1, 2] and first.ret["next_cursor"] == "2"
    assert_zendesk(route.calls[0].request, "GET", f"{API}/search", {"query": "type:ticket printer", "per_page": "2", "page": "1"})
    second = await run_action(action, {"query": "printer", "limit": 2, "cursor": first.ret["next_cursor"]}, auth=AUTH)
    assert [t["id"] for t in second.ret["tickets"]] == [3] and second.ret["next_cursor"] is None
    assert_zendesk(route.calls[1].request, "GET", f"{API}/search", {"query": "type:ticket printer", "per_page": "2", "page": "2"})
    bad = await run_action(action, {"query": "printer", "cursor": "abc"}, auth=AUTH)
    assert "pass `next_cursor`" in bad.error


# Users and organizations


def _organization(org_id=509974, name="Acme Inc"):
    return {
        "id": org_id,
        "url": f"{API}/organizations/{org_id}.json",
        "external_id": "crm-77",
        "name": name,
        "created_at": "2025-01-09T12:00:00Z",
        "updated_at": "2025-01-10T12:00:00Z",
        "domain_names": ["acme.com"],
        "details": "1 Main St",
        "notes": "Key account",
        "group_id": 98738,
        "shared_tickets": False,
        "shared_comments": False,
        "tags": ["enterprise"],
        "organization_fields": {"account_tier": "gold", "region": None},
    }


async def test_get_user(catalog, respx_mock):
    route = respx_mock.get(f"{API}/users/20978392").mock(return_value=httpx.Response(200, json={"user": _user()}))
    result = await run_action(catalog.action("zendesk-get-user"), {"user": 20978392}, auth=AUTH)
    assert result.error is None, result.error
    assert_zendesk(route.calls.last.request, "GET", f"{API}/users/20978392")
    assert result.ret == user_summary_of(_user())
    assert result.summary == "Retrieved end-user Roger Wilco (user 20978392)"


def user_summary_of(user):
    keys = ("id", "name", "email", "role", "phone", "organization_id", "external_id", "tags", "verified", "suspended",
            "time_zone", "created_at")
    return {k: user.get(k) for k in keys}


async def test_create_organization(catalog, respx_mock):
    route = respx_mock.post(f"{API}/organizations").mock(
        return_value=httpx.Response(201, json={"organization": _organization()})
    )
    result = await run_action(
        catalog.action("zendesk-create-organization"),
        {
            "name": "Acme Inc",
            "domainNames": ["acme.com"],
            "notes": "Key account",
            "externalId": "crm-77",
            "group": 98738,
            "tags": ["enterprise"],
            "organizationFields": {"account_tier": "gold"},
        },
        auth=AUTH,
    )
    assert result.error is None, result.error
    sent = route.calls.last.request
    assert_zendesk(sent, "POST", f"{API}/organizations")
    assert body_of(sent) == {
        "organization": {
            "name": "Acme Inc",
            "notes": "Key account",
            "external_id": "crm-77",
            "group_id": 98738,
            "domain_names": ["acme.com"],
            "tags": ["enterprise"],
            "organization_fields": {"account_tier": "gold"},
        }
    }
    assert result.ret["id"] == 509974 and result.ret["organization_fields"] == {"account_tier": "gold"}
    assert result.summary == "Created organization Acme Inc (509974)"


async def test_find_organizations_by_name_or_external_id(catalog, respx_mock):
    route = respx_mock.get(f"{API}/organizations/search").mock(
        return_value=httpx.Response(200, json={"organizations": [_organization()], "next_page": None, "previous_page": None, "count": 1})
    )
    action = catalog.action("zendesk-find-organizations")
    result = await run_action(action, {"name": "Acme Inc"}, auth=AUTH)
    assert result.error is None, result.error
    assert_zendesk(route.calls.last.request, "GET", f"{API}/organizations/search", {"name": "Acme Inc"})
    assert [o["name"] for o in result.ret["organizations"]] == ["Acme Inc"]
    assert result.summary == "Found 1 organization for 'Acme Inc'"
    await run_action(action, {"externalId": "crm-77"}, auth=AUTH)
    assert_zendesk(route.calls.last.request, "GET", f"{API}/organizations/search", {"external_id": "crm-77"})
    neither = await run_action(action, {}, auth=AUTH)
    assert "either a name or an externalId" in neither.error


async def test_organization_options(catalog, respx_mock):
    route = respx_mock.get(f"{API}/organizations").mock(
        return_value=httpx.Response(
            200,
            json={"organizations": [_organization()], "meta": {"has_more": False, "after_cursor": None, "before_cursor": None}},
        )
    )
    response = await fetch_options(catalog.action("zendesk-create-user"), "organizationId", {}, auth=AUTH)
    assert response["options"] == [{"label": "Acme Inc", "value": 509974}]
    assert_zendesk(route.calls.last.request, "GET", f"{API}/organizations", {"page[size]": "100"})


# Macros


def _macro(macro_id=360001, title="Close and redirect to topics"):
    return {
        "id": macro_id,
        "url": f"{API}/macros/{macro_id}.json",
        "title": title,
        "raw_title": title,
        "description": "Sets the ticket to solved with a reply",
        "active": True,
        "position": 42,
        "actions": [{"field": "status", "value": "solved"}, {"field": "comment_value", "value": "Closing this ticket."}],
        "restriction": None,
        "created_at": "2025-01-09T12:00:00Z",
        "updated_at": "2025-02-01T12:00:00Z",
    }


async def test_list_macros_follows_the_cursor(catalog, respx_mock):
    route = respx_mock.get(f"{API}/macros").mock(
        side_effect=[
            httpx.Response(
                200,
                json={
                    "macros": [_macro()],
                    "meta": {"has_more": True, "after_cursor": "eyJvIjoiaWQiLCJ2IjoiYVFFQkFBQUFBQUFBIn0=", "before_cursor": None},
                    "links": {"next": f"{API}/macros.json?page%5Bafter%5D=eyJvIjoiaWQi", "prev": None},
                },
            ),
            httpx.Response(
                200,
                json={
                    "macros": [_macro(360002, "Escalate")],
                    "meta": {"has_more": False, "after_cursor": None, "before_cursor": None},
                    "links": {"next": None, "prev": None},
                },
            ),
        ]
    )
    action = catalog.action("zendesk-list-macros")
    first = await run_action(action, {"limit": 1, "group": 98738}, auth=AUTH)
    assert first.error is None, first.error
    assert_zendesk(route.calls[0].request, "GET", f"{API}/macros",
                   {"active": "true", "page[size]": "1", "group_id": "98738"})
    assert first.ret["macros"] == [{
        "id": 360001, "title": "Close and redirect to topics", "description": "Sets the ticket to solved with a reply",
        "active": True, "actions": [{"field": "status", "value": "solved"}, {"field": "comment_value", "value": "Closing this ticket."}],
        "updated_at": "2025-02-01T12:00:00Z"}]
    assert first.ret["next_cursor"] == "eyJvIjoiaWQiLCJ2IjoiYVFFQkFBQUFBQUFBIn0="
    assert first.summary == "Listed 1 macro (more available)"
    second = await run_action(action, {"limit": 1, "cursor": first.ret["next_cursor"]}, auth=AUTH)
    assert_zendesk(route.calls[1].request, "GET", f"{API}/macros",
                   {"active": "true", "page[size]": "1", "page[after]": "eyJvIjoiaWQiLCJ2IjoiYVFFQkFBQUFBQUFBIn0="})
    assert [m["title"] for m in second.ret["macros"]] == ["Escalate"] and second.ret["next_cursor"] is None


def _macro_result():
    return {
        "result": {
            "ticket": {
                "id": TICKET,
                "url": f"{API}/tickets/{TICKET}.json",
                "assignee_id": 235323,
                "group_id": 98738,
                "status": "solved",
                "fields": [{"id": 27642, "value": "745"}],
            },
            "comment": {
                "body": "Closing this ticket.",
                "html_body": "<p>Closing this ticket.</p>",
                "scoped_body": [["channel:all", "Closing this ticket."]],
                "public": True,
            },
        }
    }


async def test_apply_macro_saves_its_changes_and_comment(catalog, respx_mock):
    preview = respx_mock.get(f"{API}/tickets/{TICKET}/macros/360001/apply").mock(
        return_value=httpx.Response(200, json=_macro_result())
    )
    save = respx_mock.put(f"{API}/tickets/{TICKET}").mock(
        return_value=httpx.Response(200, json={"ticket": _ticket(status="solved"), "audit": _audit()})
    )
    result = await run_action(catalog.action("zendesk-apply-macro"), {"ticket": TICKET, "macro": 360001}, auth=AUTH)
    assert result.error is None, result.error
    assert_zendesk(preview.calls.last.request, "GET", f"{API}/tickets/{TICKET}/macros/360001/apply")
    assert_zendesk(save.calls.last.request, "PUT", f"{API}/tickets/{TICKET}")
    assert body_of(save.calls.last.request) == {
        "ticket": {
            "assignee_id": 235323,
            "group_id": 98738,
            "status": "solved",
            "fields": [{"id": 27642, "value": "745"}],
            "comment": {"html_body": "<p>Closing this ticket.</p>", "public": True},
        }
    }
    assert result.ret["applied"] is True and result.ret["ticket"]["status"] == "solved"
    assert result.ret["comment"] == {"body": "Closing this ticket.", "public": True}
    assert result.summary == f"Applied macro 360001 to ticket #{TICKET}"


async def test_apply_macro_preview_changes_nothing(catalog, respx_mock):
    respx_mock.get(f"{API}/tickets/{TICKET}/macros/360001/apply").mock(return_value=httpx.Response(200, json=_macro_result()))
    result = await run_action(
        catalog.action("zendesk-apply-macro"), {"ticket": TICKET, "macro": 360001, "preview": True}, auth=AUTH
    )
    assert result.error is None, result.error
    assert [c.request.method for c in respx_mock.calls] == ["GET"]
    assert result.ret["applied"] is False and result.ret["ticket"] is None
    assert result.ret["changes"]["status"] == "solved"
    assert result.summary == f"Previewed macro 360001 on ticket #{TICKET}: changes assignee_id, fields, group_id, status"


async def test_macro_options(catalog, respx_mock):
    route = respx_mock.get(f"{API}/macros").mock(
        return_value=httpx.Response(
            200, json={"macros": [_macro()], "meta": {"has_more": False, "after_cursor": None, "before_cursor": None}}
        )
    )
    response = await fetch_options(catalog.action("zendesk-apply-macro"), "macro", {}, auth=AUTH)
    assert response["options"] == [{"label": "Close and redirect to topics", "value": 360001}]
    assert_zendesk(route.calls.last.request, "GET", f"{API}/macros", {"active": "true", "page[size]": "100"})
