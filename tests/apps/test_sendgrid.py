"""SendGrid v3 actions at the HTTP boundary, with answers shaped like SendGrid's API reference."""

import base64
import json
import re
import time

import httpx
import pytest

from mcp_gateway.catalog import AppHttp, Identity, UpstreamError
from mcp_gateway.catalog.context import AccountContext
from mcp_gateway.runtime.engine import fetch_options, run_action

# Documented in SendGrid's current v3 reference, newer than the directory's description.
VENDOR_EXEMPT = {
    ("GET", "/suppression/bounces", "limit"): "the bounce list pages with limit and offset (reference: Retrieve all bounces)",
    ("GET", "/suppression/bounces", "offset"): "the bounce list pages with limit and offset (reference: Retrieve all bounces)",
    ("DELETE", "/suppression/bounces/{email}", "email_address"): "the address is in the path only (reference: Delete a bounce)",
    ("POST", "/mail/send", "content"): "a dynamic template supplies the content (reference: Mail Send, template_id)",
    ("POST", "/mail/send", "subject"): "a dynamic template supplies the subject (reference: Mail Send, template_id)",
}

API = "https://api.sendgrid.com/v3"
KEY = "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"
AUTH = {"api_key": KEY}
LIST_ID = "ca7a3796-e8a8-4029-9ccb-df8937940562"
TEMPLATE_ID = "d-13b8f94fbcae4ec6b75270d6cb59f932"


def assert_sendgrid(request, method, path, *, query=None, body=None):
    assert request.method == method
    assert str(request.url.copy_with(query=None)) == f"{API}{path}"
    assert dict(request.url.params.multi_items()) == (query or {})
    assert request.headers["authorization"] == f"Bearer {KEY}"
    if body is None:
        assert request.content == b""
    else:
        assert request.headers["content-type"] == "application/json"
        assert json.loads(request.content) == body


def _contact(contact_id="cbbf3c6a-8b2c-4f3b-a8e6-2c1c0b1f4a77", email="ada@example.com", **extra):
    return {
        "id": contact_id,
        "email": email,
        "first_name": "Ada",
        "last_name": "Lovelace",
        "alternate_emails": [],
        "address_line_1": None,
        "address_line_2": None,
        "city": "London",
        "state_province_region": None,
        "country": "UK",
        "postal_code": None,
        "phone_number": None,
        "list_ids": [LIST_ID],
        "segment_ids": [],
        "custom_fields": {"plan": "gold"},
        "created_at": "2024-03-01T17:00:35Z",
        "updated_at": "2024-03-02T09:12:10Z",
        "_metadata": {"self": f"{API}/marketing/contacts/{contact_id}"},
        **extra,
    }


def _template(template_id=TEMPLATE_ID, name="Order shipped"):
    return {
        "id": template_id,
        "name": name,
        "generation": "dynamic",
        "updated_at": "2024-03-01 17:00:35",
        "versions": [
            {"id": "8aefe0ee-f12b-4575-b5b7-c97e21cb36f3", "template_id": template_id, "active": 1, "name": "v2",
             "subject": "Your order {{order.id}} has shipped", "updated_at": "2024-03-01 17:00:35",
             "generate_plain_content": True, "editor": "code", "thumbnail_url": "https://example.com/thumb.png"},
            {"id": "2f7dbb2a-1f1a-4d3e-9d2c-3c1a5c0f0b11", "template_id": template_id, "active": 0, "name": "v1",
             "subject": "Shipped", "updated_at": "2024-02-01 17:00:35", "generate_plain_content": True, "editor": "code"},
        ],
    }


# Sending


async def test_send_email_with_text_html_cc_and_reply_to(catalog, respx_mock):
    route = respx_mock.post(f"{API}/mail/send").mock(
        return_value=httpx.Response(202, headers={"X-Message-Id": "W86EgYT6SQKk0lRflfLRsA"})
    )
    result = await run_action(
        catalog.action("sendgrid-send-email"),
        {"to": ["Ada Lovelace <ada@example.com>", "grace@example.com"], "cc": ["boss@example.com"],
         "fromEmail": "orders@example.com", "fromName": "Example Store", "replyTo": "support@example.com",
         "subject": "Your order has shipped", "text": "It is on its way.", "html": "<p>It is on its way.</p>",
         "categories": ["shipping"]},
        auth=AUTH,
    )
    assert result.error is None, result.error
    assert_sendgrid(route.calls.last.request, "POST", "/mail/send", body={
        "personalizations": [{"to": [{"email": "ada@example.com", "name": "Ada Lovelace"}, {"email": "grace@example.com"}],
                              "cc": [{"email": "boss@example.com"}]}],
        "from": {"email": "orders@example.com", "name": "Example Store"},
        "reply_to": {"email": "support@example.com"},
        "subject": "Your order has shipped",
        "content": [{"type": "text/plain", "value": "It is on its way."}, {"type": "text/html", "value": "<p>It is on its way.</p>"}],
        "categories": ["shipping"],
    })
    assert result.ret == {"message_id": "W86EgYT6SQKk0lRflfLRsA", "status": 202,
                          "recipients": ["ada@example.com", "grace@example.com", "boss@example.com"], "attachments": []}
    assert result.summary == "Queued email 'Your order has shipped' to 3 recipients"


async def test_send_email_with_a_dynamic_template_to_each_recipient_separately(catalog, respx_mock):
    route = respx_mock.post(f"{API}/mail/send").mock(return_value=httpx.Response(202, headers={"X-Message-Id": "abc123"}))
    result = await run_action(
        catalog.action("sendgrid-send-email"),
        {"to": ["ada@example.com", "grace@example.com"], "fromEmail": "orders@example.com", "templateId": TEMPLATE_ID,
         "dynamicTemplateData": {"order": {"id": "6735"}}, "sendSeparately": True, "sendAt": 1735689600},
        auth=AUTH,
    )
    assert result.error is None, result.error
    data = {"order": {"id": "6735"}}
    assert json.loads(route.calls.last.request.content) == {
        "personalizations": [
            {"to": [{"email": "ada@example.com"}], "dynamic_template_data": data},
            {"to": [{"email": "grace@example.com"}], "dynamic_template_data": data},
        ],
        "from": {"email": "orders@example.com"},
        "template_id": TEMPLATE_ID,
        "send_at": 1735689600,
    }
    assert result.summary == f"Queued email template {TEMPLATE_ID} to 2 recipients, scheduled for 1735689600"


async def test_send_email_attaches_files_from_tmp(catalog, respx_mock, tmp_path):
    pdf = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n"
    (tmp_path / "invoice.pdf").write_bytes(pdf)
    (tmp_path / "notes.txt").write_bytes(b"thanks!\n")
    route = respx_mock.post(f"{API}/mail/send").mock(return_value=httpx.Response(202, headers={"X-Message-Id": "m1"}))
    result = await run_action(
        catalog.action("sendgrid-send-email"),
        {"to": ["ada@example.com"], "fromEmail": "billing@example.com", "subject": "Invoice", "text": "Attached.",
         "attachments": ["/tmp/invoice.pdf", "/tmp/notes.txt"]},
        auth=AUTH, tmp_dir=tmp_path,
    )
    assert result.error is None, result.error
    sent = json.loads(route.calls.last.request.content)
    assert sent["attachments"] == [
        {"content": base64.b64encode(pdf).decode(), "filename": "invoice.pdf", "type": "application/pdf", "disposition": "attachment"},
        {"content": base64.b64encode(b"thanks!\n").decode(), "filename": "notes.txt", "type": "text/plain", "disposition": "attachment"},
    ]
    assert base64.b64decode(sent["attachments"][0]["content"]) == pdf
    assert result.ret["attachments"] == ["invoice.pdf", "notes.txt"]
    assert result.summary == "Queued email 'Invoice' to 1 recipient with 2 attachments"
    assert catalog.action("sendgrid-send-email").stash == "optional"


async def test_send_email_checks_its_arguments_before_sending(catalog, respx_mock, tmp_path):
    route = respx_mock.post(f"{API}/mail/send")
    action = catalog.action("sendgrid-send-email")
    base = {"to": ["ada@example.com"], "fromEmail": "orders@example.com"}
    no_body = await run_action(action, {**base, "subject": "Hi"}, auth=AUTH)
    assert "give a text or HTML body, or a dynamic template" in no_body.error
    no_subject = await run_action(action, {**base, "text": "Hi"}, auth=AUTH)
    assert "give a subject" in no_subject.error
    bad_address = await run_action(action, {**base, "to": ["Ada"], "subject": "Hi", "text": "x"}, auth=AUTH)
    assert "'Ada' is not an email address" in bad_address.error
    separate_cc = await run_action(action, {**base, "subject": "Hi", "text": "x", "cc": ["b@example.com"], "sendSeparately": True}, auth=AUTH)
    assert "CC and BCC cannot be combined" in separate_cc.error
    missing = await run_action(action, {**base, "subject": "Hi", "text": "x", "attachments": ["/tmp/nope.pdf"]}, auth=AUTH, tmp_dir=tmp_path)
    assert "/tmp/nope.pdf is not a file in /tmp" in missing.error
    assert not route.calls


async def test_send_email_reports_sendgrids_field_errors(catalog, respx_mock):
    respx_mock.post(f"{API}/mail/send").mock(
        return_value=httpx.Response(403, json={"errors": [{
            "message": "The from address does not match a verified Sender Identity. Mail cannot be sent until this error is resolved.",
            "field": "from", "help": "https://sendgrid.com/docs/for-developers/sending-email/sender-identity/"}]})
    )
    result = await run_action(
        catalog.action("sendgrid-send-email"),
        {"to": ["ada@example.com"], "fromEmail": "nobody@unverified.example", "subject": "Hi", "text": "x"},
        auth=AUTH,
    )
    assert result.error.startswith("SendGrid API error 403 on POST /v3/mail/send: from: The from address does not match a verified Sender Identity")
    assert "lacks the permission" in result.error


# Templates


async def test_list_templates_returns_the_active_version_and_next_token(catalog, respx_mock):
    route = respx_mock.get(f"{API}/templates").mock(
        return_value=httpx.Response(200, json={
            "result": [_template()],
            "_metadata": {"self": f"{API}/templates?page_size=1", "next": f"{API}/templates?page_size=1&page_token=eyJpZCI6Mn0", "count": 2},
        })
    )
    result = await run_action(catalog.action("sendgrid-list-templates"), {"limit": 1}, auth=AUTH)
    assert result.error is None, result.error
    assert_sendgrid(route.calls.last.request, "GET", "/templates", query={"generations": "dynamic", "page_size": "1"})
    assert result.ret == {
        "templates": [{"id": TEMPLATE_ID, "name": "Order shipped", "generation": "dynamic", "updated_at": "2024-03-01 17:00:35",
                       "active_version": {"id": "8aefe0ee-f12b-4575-b5b7-c97e21cb36f3", "name": "v2",
                                          "subject": "Your order {{order.id}} has shipped"}}],
        "next_cursor": "eyJpZCI6Mn0",
    }
    assert result.summary == "Listed 1 dynamic template (more available)"
    whole = await run_action(catalog.action("sendgrid-list-templates"), {"limit": 1, "fullResponse": True}, auth=AUTH)
    assert whole.ret == {"templates": [_template()], "next_cursor": "eyJpZCI6Mn0"}


async def test_list_templates_follows_page_tokens_up_to_the_limit(catalog, respx_mock):
    second = _template("d-2f7dbb2a1f1a4d3e9d2c3c1a5c0f0b11", "Welcome")
    route = respx_mock.get(f"{API}/templates").mock(side_effect=[
        httpx.Response(200, json={"result": [_template()], "_metadata": {
            "self": f"{API}/templates?page_size=3", "next": f"{API}/templates?page_size=3&page_token=UDI", "count": 4}}),
        httpx.Response(200, json={"result": [second], "_metadata": {"self": f"{API}/templates?page_token=UDI", "count": 4}}),
    ])
    result = await run_action(catalog.action("sendgrid-list-templates"), {"limit": 3, "cursor": "UDE"}, auth=AUTH)
    assert result.error is None, result.error
    assert_sendgrid(route.calls[0].request, "GET", "/templates", query={"generations": "dynamic", "page_size": "3", "page_token": "UDE"})
    assert_sendgrid(route.calls[1].request, "GET", "/templates", query={"generations": "dynamic", "page_size": "2", "page_token": "UDI"})
    assert [t["name"] for t in result.ret["templates"]] == ["Order shipped", "Welcome"]
    assert result.ret["next_cursor"] is None


async def test_template_options_page_with_the_page_token(catalog, respx_mock):
    route = respx_mock.get(f"{API}/templates").mock(
        side_effect=[
            httpx.Response(200, json={"result": [_template()], "_metadata": {
                "self": f"{API}/templates", "next": f"{API}/templates?generations=dynamic&page_size=200&page_token=eyJpZCI6Mn0", "count": 2}}),
            httpx.Response(200, json={"result": [_template("d-2f7dbb2a1f1a4d3e9d2c3c1a5c0f0b11", "Welcome")],
                                      "_metadata": {"self": f"{API}/templates?page_token=eyJpZCI6Mn0", "count": 2}}),
        ]
    )
    action = catalog.action("sendgrid-send-email")
    first = await fetch_options(action, "templateId", {}, auth=AUTH)
    assert first["errors"] == []
    assert first["options"] == [{"label": f"Order shipped ({TEMPLATE_ID})", "value": TEMPLATE_ID}]
    assert first["context"] == {"page_token": "eyJpZCI6Mn0"}
    assert_sendgrid(route.calls[0].request, "GET", "/templates", query={"generations": "dynamic", "page_size": "200"})
    second = await fetch_options(action, "templateId", {}, auth=AUTH, page=1, prev_context=first["context"])
    assert second["options"] == [{"label": "Welcome (d-2f7dbb2a1f1a4d3e9d2c3c1a5c0f0b11)", "value": "d-2f7dbb2a1f1a4d3e9d2c3c1a5c0f0b11"}]
    assert second["context"] is None
    assert_sendgrid(route.calls[1].request, "GET", "/templates",
                    query={"generations": "dynamic", "page_size": "200", "page_token": "eyJpZCI6Mn0"})
    done = await fetch_options(action, "templateId", {}, auth=AUTH, page=2, prev_context={})
    assert done["options"] == [] and route.call_count == 2


async def test_list_options_label_lists_with_their_size(catalog, respx_mock):
    route = respx_mock.get(f"{API}/marketing/lists").mock(
        return_value=httpx.Response(200, json={"result": [{"id": LIST_ID, "name": "Newsletter", "contact_count": 1250,
                                                           "_metadata": {"self": f"{API}/marketing/lists/{LIST_ID}"}}],
                                               "_metadata": {"self": f"{API}/marketing/lists?page_size=1000"}})
    )
    response = await fetch_options(catalog.action("sendgrid-add-or-update-contact"), "listIds", {}, auth=AUTH)
    assert response["options"] == [{"label": "Newsletter (1250 contacts)", "value": LIST_ID}]
    assert response["context"] is None
    assert_sendgrid(route.calls.last.request, "GET", "/marketing/lists", query={"page_size": "1000"})


# Contacts and lists


async def test_add_or_update_contact_puts_the_contact_on_lists(catalog, respx_mock):
    route = respx_mock.put(f"{API}/marketing/contacts").mock(
        return_value=httpx.Response(202, json={"job_id": "2387e363-4104-4225-8960-4a5758492351"})
    )
    result = await run_action(
        catalog.action("sendgrid-add-or-update-contact"),
        {"email": "ada@example.com", "firstName": "Ada", "lastName": "Lovelace", "city": "London",
         "customFields": {"e1_T": "gold"}, "listIds": [LIST_ID]},
        auth=AUTH,
    )
    assert result.error is None, result.error
    assert_sendgrid(route.calls.last.request, "PUT", "/marketing/contacts", body={
        "contacts": [{"email": "ada@example.com", "first_name": "Ada", "last_name": "Lovelace", "city": "London",
                      "custom_fields": {"e1_T": "gold"}}],
        "list_ids": [LIST_ID],
    })
    assert result.ret == {"job_id": "2387e363-4104-4225-8960-4a5758492351", "email": "ada@example.com", "list_ids": [LIST_ID]}
    assert result.summary == "Queued adding or updating contact ada@example.com on 1 list (job 2387e363-4104-4225-8960-4a5758492351)"


async def test_search_contacts_by_email_lists_the_ones_not_found(catalog, respx_mock):
    route = respx_mock.post(f"{API}/marketing/contacts/search/emails").mock(
        return_value=httpx.Response(200, json={"result": {
            "ada@example.com": {"contact": _contact()},
            "nobody@example.com": {"error": "contact not found"},
        }})
    )
    result = await run_action(catalog.action("sendgrid-search-contacts"), {"emails": ["Ada@example.com", "nobody@example.com"]}, auth=AUTH)
    assert result.error is None, result.error
    assert_sendgrid(route.calls.last.request, "POST", "/marketing/contacts/search/emails",
                    body={"emails": ["Ada@example.com", "nobody@example.com"]})
    assert result.ret["contacts"][0]["id"] == "cbbf3c6a-8b2c-4f3b-a8e6-2c1c0b1f4a77"
    assert result.ret["contacts"][0]["list_ids"] == [LIST_ID]
    assert result.ret["not_found"] == ["nobody@example.com"]
    assert result.summary == "Found 1 of 2 contacts by email"


async def test_search_contacts_by_email_treats_a_404_as_no_match(catalog, respx_mock):
    respx_mock.post(f"{API}/marketing/contacts/search/emails").mock(
        return_value=httpx.Response(404, json={"errors": [{"field": "emails", "message": "No contacts found"}]})
    )
    result = await run_action(catalog.action("sendgrid-search-contacts"), {"emails": ["nobody@example.com"]}, auth=AUTH)
    assert result.error is None, result.error
    assert result.ret == {"contacts": [], "not_found": ["nobody@example.com"]}


async def test_search_contacts_with_sgql(catalog, respx_mock):
    route = respx_mock.post(f"{API}/marketing/contacts/search").mock(
        return_value=httpx.Response(200, json={"result": [_contact()], "contact_count": 1,
                                               "_metadata": {"self": f"{API}/marketing/contacts/search"}})
    )
    result = await run_action(catalog.action("sendgrid-search-contacts"), {"query": "first_name = 'Ada'"}, auth=AUTH)
    assert result.error is None, result.error
    assert_sendgrid(route.calls.last.request, "POST", "/marketing/contacts/search", body={"query": "first_name = 'Ada'"})
    assert result.ret["contact_count"] == 1
    assert result.summary == "Found 1 contact matching first_name = 'Ada'"
    neither = await run_action(catalog.action("sendgrid-search-contacts"), {}, auth=AUTH)
    assert "either emails or an SGQL query" in neither.error


async def test_contact_options_sample_recent_contacts_or_search_the_chosen_list(catalog, respx_mock):
    sample = respx_mock.get(f"{API}/marketing/contacts").mock(return_value=httpx.Response(200, json={
        "result": [_contact(), _contact("0c4b2f7e-1d8a-4e6b-9f3a-5b2c7d8e9f01", "grace@example.com", first_name=None, last_name=None)],
        "contact_count": 2, "_metadata": {"self": f"{API}/marketing/contacts"}}))
    page = await fetch_options(catalog.action("sendgrid-delete-contacts"), "contactIds", {}, auth=AUTH)
    assert page["options"] == [
        {"label": "ada@example.com (Ada Lovelace)", "value": "cbbf3c6a-8b2c-4f3b-a8e6-2c1c0b1f4a77"},
        {"label": "grace@example.com", "value": "0c4b2f7e-1d8a-4e6b-9f3a-5b2c7d8e9f01"},
    ]
    assert_sendgrid(sample.calls.last.request, "GET", "/marketing/contacts")

    search = respx_mock.post(f"{API}/marketing/contacts/search").mock(return_value=httpx.Response(200, json={
        "result": [_contact()], "contact_count": 1, "_metadata": {"self": f"{API}/marketing/contacts/search"}}))
    on_list = await fetch_options(catalog.action("sendgrid-remove-contacts-from-list"), "contactIds", {"listId": LIST_ID}, auth=AUTH)
    assert on_list["options"] == [{"label": "ada@example.com (Ada Lovelace)", "value": "cbbf3c6a-8b2c-4f3b-a8e6-2c1c0b1f4a77"}]
    assert_sendgrid(search.calls.last.request, "POST", "/marketing/contacts/search", body={"query": f"CONTAINS(list_ids, '{LIST_ID}')"})


async def test_delete_contacts_by_id(catalog, respx_mock):
    route = respx_mock.delete(f"{API}/marketing/contacts").mock(return_value=httpx.Response(202, json={"job_id": "5c1b8f1e-job"}))
    action = catalog.action("sendgrid-delete-contacts")
    result = await run_action(action, {"contactIds": ["cbbf3c6a-8b2c-4f3b-a8e6-2c1c0b1f4a77", "7f3e1d2c-0000-4000-8000-000000000001"]}, auth=AUTH)
    assert result.error is None, result.error
    assert_sendgrid(route.calls.last.request, "DELETE", "/marketing/contacts",
                    query={"ids": "cbbf3c6a-8b2c-4f3b-a8e6-2c1c0b1f4a77,7f3e1d2c-0000-4000-8000-000000000001"})
    assert result.summary == "Queued deleting 2 contacts (job 5c1b8f1e-job)"
    assert action.annotations.destructive is True
    by_email = await run_action(action, {"contactIds": ["ada@example.com"]}, auth=AUTH)
    assert "not email addresses" in by_email.error and route.call_count == 1


async def test_list_lists_and_create_list(catalog, respx_mock):
    listing = respx_mock.get(f"{API}/marketing/lists").mock(
        return_value=httpx.Response(200, json={
            "result": [{"id": LIST_ID, "name": "Newsletter", "contact_count": 1250, "_metadata": {"self": f"{API}/marketing/lists/{LIST_ID}"}}],
            "_metadata": {"self": f"{API}/marketing/lists?page_size=1", "next": f"{API}/marketing/lists?page_size=1&page_token=TkVYVA", "count": 2},
        })
    )
    result = await run_action(catalog.action("sendgrid-list-lists"), {"limit": 1}, auth=AUTH)
    assert result.error is None, result.error
    assert_sendgrid(listing.calls.last.request, "GET", "/marketing/lists", query={"page_size": "1"})
    assert result.ret == {"lists": [{"id": LIST_ID, "name": "Newsletter", "contact_count": 1250}], "next_cursor": "TkVYVA"}
    assert result.summary == "Listed 1 contact list (more available)"

    creating = respx_mock.post(f"{API}/marketing/lists").mock(
        return_value=httpx.Response(201, json={"id": "4e2f8f0a-1111-4e8c-9c0a-3b3b3b3b3b3b", "name": "VIP", "contact_count": 0,
                                               "_metadata": {"self": f"{API}/marketing/lists/4e2f8f0a-1111-4e8c-9c0a-3b3b3b3b3b3b"}})
    )
    created = await run_action(catalog.action("sendgrid-create-list"), {"name": "VIP"}, auth=AUTH)
    assert created.error is None, created.error
    assert_sendgrid(creating.calls.last.request, "POST", "/marketing/lists", body={"name": "VIP"})
    assert created.ret == {"id": "4e2f8f0a-1111-4e8c-9c0a-3b3b3b3b3b3b", "name": "VIP", "contact_count": 0}
    assert created.summary == "Created contact list 'VIP' (4e2f8f0a-1111-4e8c-9c0a-3b3b3b3b3b3b)"


async def test_remove_contacts_from_list(catalog, respx_mock):
    route = respx_mock.delete(f"{API}/marketing/lists/{LIST_ID}/contacts").mock(
        return_value=httpx.Response(202, json={"job_id": "8a1c-job"})
    )
    result = await run_action(
        catalog.action("sendgrid-remove-contacts-from-list"),
        {"listId": LIST_ID, "contactIds": ["cbbf3c6a-8b2c-4f3b-a8e6-2c1c0b1f4a77"]}, auth=AUTH,
    )
    assert result.error is None, result.error
    assert_sendgrid(route.calls.last.request, "DELETE", f"/marketing/lists/{LIST_ID}/contacts",
                    query={"contact_ids": "cbbf3c6a-8b2c-4f3b-a8e6-2c1c0b1f4a77"})
    assert result.ret == {"job_id": "8a1c-job", "list_id": LIST_ID, "contact_ids": ["cbbf3c6a-8b2c-4f3b-a8e6-2c1c0b1f4a77"]}
    assert result.summary == f"Queued removing 1 contact from list {LIST_ID} (job 8a1c-job)"


# Suppressions and validation


async def test_list_bounces_with_a_time_range(catalog, respx_mock):
    route = respx_mock.get(f"{API}/suppression/bounces").mock(return_value=httpx.Response(200, json=[]))
    result = await run_action(catalog.action("sendgrid-list-bounces"), {"startTime": 1443600000, "limit": 10}, auth=AUTH)
    assert result.error is None, result.error
    assert_sendgrid(route.calls.last.request, "GET", "/suppression/bounces",
                    query={"start_time": "1443600000", "limit": "10", "offset": "0"})
    assert result.ret == {"bounces": [], "next_cursor": None}


async def test_list_bounces_pages_by_offset_through_the_cursor(catalog, respx_mock):
    def bounce(n):
        return {"created": 1443651125 + n, "email": f"bounce{n}@test.com", "reason": "550 5.1.1 The email account that you tried to reach does not exist.",
                "status": "5.1.1"}

    route = respx_mock.get(f"{API}/suppression/bounces").mock(side_effect=[
        httpx.Response(200, json=[bounce(1), bounce(2)]),
        httpx.Response(200, json=[bounce(3)]),
    ])
    result = await run_action(catalog.action("sendgrid-list-bounces"), {"limit": 2}, auth=AUTH)
    assert_sendgrid(route.calls[0].request, "GET", "/suppression/bounces", query={"limit": "2", "offset": "0"})
    assert [b["email"] for b in result.ret["bounces"]] == ["bounce1@test.com", "bounce2@test.com"]
    assert result.ret["next_cursor"] == "2"
    rest = await run_action(catalog.action("sendgrid-list-bounces"), {"limit": 2, "cursor": "2"}, auth=AUTH)
    assert_sendgrid(route.calls[1].request, "GET", "/suppression/bounces", query={"limit": "2", "offset": "2"})
    assert [b["email"] for b in rest.ret["bounces"]] == ["bounce3@test.com"] and rest.ret["next_cursor"] is None
    bad = await run_action(catalog.action("sendgrid-list-bounces"), {"cursor": "page-two"}, auth=AUTH)
    assert "pass `next_cursor` unchanged" in bad.error and route.call_count == 2


async def test_list_bounces_of_one_address_reads_that_address(catalog, respx_mock):
    route = respx_mock.get(f"{API}/suppression/bounces/bounce1@test.com").mock(
        return_value=httpx.Response(200, json=[{"created": 1443651125, "email": "bounce1@test.com",
                                                "reason": "550 5.1.1 The email account that you tried to reach does not exist.",
                                                "status": "5.1.1"}])
    )
    result = await run_action(
        catalog.action("sendgrid-list-bounces"), {"email": "bounce1@test.com", "startTime": 1443600000, "limit": 10}, auth=AUTH,
    )
    assert result.error is None, result.error
    assert_sendgrid(route.calls.last.request, "GET", "/suppression/bounces/bounce1@test.com")
    assert result.ret["bounces"] == [{"email": "bounce1@test.com", "created": 1443651125, "status": "5.1.1",
                                      "reason": "550 5.1.1 The email account that you tried to reach does not exist."}]
    assert result.summary == "Listed 1 bounce for bounce1@test.com"


async def test_delete_bounce(catalog, respx_mock):
    route = respx_mock.delete(f"{API}/suppression/bounces/bounce1@test.com").mock(return_value=httpx.Response(204))
    result = await run_action(catalog.action("sendgrid-delete-bounce"), {"email": "bounce1@test.com"}, auth=AUTH)
    assert result.error is None, result.error
    assert_sendgrid(route.calls.last.request, "DELETE", "/suppression/bounces/bounce1@test.com")
    assert result.ret == {"email": "bounce1@test.com", "deleted": True}
    assert result.summary == "Removed bounce1@test.com from the bounce list"


async def test_add_global_unsubscribe(catalog, respx_mock):
    route = respx_mock.post(f"{API}/asm/suppressions/global").mock(
        return_value=httpx.Response(201, json={"recipient_emails": ["test1@example.com", "test2@example.com"]})
    )
    result = await run_action(catalog.action("sendgrid-add-global-unsubscribe"), {"emails": ["test1@example.com", "test2@example.com"]}, auth=AUTH)
    assert result.error is None, result.error
    assert_sendgrid(route.calls.last.request, "POST", "/asm/suppressions/global",
                    body={"recipient_emails": ["test1@example.com", "test2@example.com"]})
    assert result.summary == "Unsubscribed 2 addresses from all email"


async def test_validate_email(catalog, respx_mock):
    route = respx_mock.post(f"{API}/validations/email").mock(
        return_value=httpx.Response(200, json={"result": {
            "email": "cedric@fogowl.con", "verdict": "Risky", "score": 0.10312, "local": "cedric", "host": "fogowl.con",
            "suggestion": "fogowl.com",
            "checks": {"domain": {"has_valid_address_syntax": True, "has_mx_or_a_record": False, "is_suspected_disposable_address": False},
                       "local_part": {"is_suspected_role_address": False},
                       "additional": {"has_known_bounces": False, "has_suspected_bounces": False}},
            "source": "SIGNUP", "ip_address": "192.168.1.1"}})
    )
    result = await run_action(catalog.action("sendgrid-validate-email"), {"email": "cedric@fogowl.con", "source": "signup"}, auth=AUTH)
    assert result.error is None, result.error
    assert_sendgrid(route.calls.last.request, "POST", "/validations/email", body={"email": "cedric@fogowl.con", "source": "signup"})
    assert result.ret["verdict"] == "Risky" and result.ret["suggestion"] == "fogowl.com"
    assert result.ret["checks"]["domain"]["has_mx_or_a_record"] is False
    assert result.summary == "cedric@fogowl.con is Risky (score 0.10312) (suggested correction: fogowl.com)"
    assert "ip_address" not in result.ret


# Marketing campaigns and statistics


async def test_list_single_sends(catalog, respx_mock):
    single_send = {
        "id": "27c21bbf-a12c-440b-b8bf-c4d9e6f2e6ab", "name": "November newsletter", "status": "triggered",
        "categories": ["newsletter"], "send_at": "2026-11-02T15:00:00Z", "created_at": "2026-10-28T09:00:00Z",
        "updated_at": "2026-11-02T15:00:00Z", "is_abtest": False,
        "abtest": {"type": "subject", "winner_criteria": "open", "test_percentage": 10, "duration": "1 hours",
                   "winning_template_id": "", "winner_selected_at": None, "expiration_date": None},
    }
    route = respx_mock.get(f"{API}/marketing/singlesends").mock(return_value=httpx.Response(200, json={
        "result": [single_send],
        "_metadata": {"self": f"{API}/marketing/singlesends?page_size=1", "next": f"{API}/marketing/singlesends?page_size=1&page_token=U1NfMg", "count": 12},
    }))
    result = await run_action(catalog.action("sendgrid-list-single-sends"), {"limit": 1}, auth=AUTH)
    assert result.error is None, result.error
    assert_sendgrid(route.calls.last.request, "GET", "/marketing/singlesends", query={"page_size": "1"})
    assert result.ret == {"single_sends": [{
        "id": "27c21bbf-a12c-440b-b8bf-c4d9e6f2e6ab", "name": "November newsletter", "status": "triggered",
        "send_at": "2026-11-02T15:00:00Z", "categories": ["newsletter"], "is_abtest": False,
        "created_at": "2026-10-28T09:00:00Z", "updated_at": "2026-11-02T15:00:00Z",
    }], "next_cursor": "U1NfMg"}
    assert result.summary == "Listed 1 Single Send (more available)"


async def test_get_email_stats_sums_each_period(catalog, respx_mock):
    metrics = {"blocks": 1, "bounce_drops": 0, "bounces": 2, "clicks": 40, "deferred": 0, "delivered": 950, "invalid_emails": 0,
               "opens": 400, "processed": 1000, "requests": 1000, "spam_report_drops": 0, "spam_reports": 1, "unique_clicks": 30,
               "unique_opens": 300, "unsubscribe_drops": 0, "unsubscribes": 3}
    route = respx_mock.get(f"{API}/stats").mock(return_value=httpx.Response(200, json=[
        {"date": "2026-11-01", "stats": [{"metrics": metrics}]},
        {"date": "2026-11-02", "stats": [{"metrics": {**metrics, "delivered": 50}}]},
    ]))
    result = await run_action(catalog.action("sendgrid-get-email-stats"),
                              {"startDate": "2026-11-01", "endDate": "2026-11-02", "aggregatedBy": "day"}, auth=AUTH)
    assert result.error is None, result.error
    assert_sendgrid(route.calls.last.request, "GET", "/stats",
                    query={"start_date": "2026-11-01", "end_date": "2026-11-02", "aggregated_by": "day"})
    assert result.ret[0] == {"date": "2026-11-01", **metrics}
    assert result.ret[1]["delivered"] == 50
    assert result.summary == "Got email statistics for 2 periods from 2026-11-01: 1000 delivered"
    bad = await run_action(catalog.action("sendgrid-get-email-stats"), {"startDate": "last month"}, auth=AUTH)
    assert "write it as `YYYY-MM-DD`" in bad.error and route.call_count == 1


async def test_a_key_without_the_stats_scope_says_how_to_fix_it(catalog, respx_mock):
    respx_mock.get(f"{API}/stats").mock(return_value=httpx.Response(403, json={"errors": [{"field": None, "message": "access forbidden"}]}))
    result = await run_action(catalog.action("sendgrid-get-email-stats"), {"startDate": "2026-11-01"}, auth=AUTH)
    assert "access forbidden" in result.error and "Stats for statistics" in result.error


# Errors, rejected keys and rate limits


async def test_a_401_says_the_api_key_was_rejected(catalog, respx_mock):
    respx_mock.get(f"{API}/suppression/bounces").mock(
        return_value=httpx.Response(401, json={"errors": [{"field": None, "message": "The provided authorization grant is invalid, expired, or revoked"}]})
    )
    result = await run_action(catalog.action("sendgrid-list-bounces"), {}, auth=AUTH)
    assert "SendGrid API error 401" in result.error
    assert "The provided authorization grant is invalid, expired, or revoked" in result.error
    assert "SendGrid rejected the API key; the user should reconnect SendGrid" in result.error


async def test_a_429_says_when_to_retry(catalog, respx_mock):
    reset = int(time.time()) + 60
    respx_mock.post(f"{API}/marketing/lists").mock(
        return_value=httpx.Response(429, headers={"X-RateLimit-Limit": "150", "X-RateLimit-Remaining": "0", "X-RateLimit-Reset": str(reset)},
                                    json={"errors": [{"field": None, "message": "too many requests"}]})
    )
    result = await run_action(catalog.action("sendgrid-create-list"), {"name": "VIP"}, auth=AUTH)
    assert "too many requests" in result.error
    assert re.search(r"rate limited by SendGrid; retry after (59|60) s", result.error), result.error


# Account test


async def _account_test(app, creds):
    async with httpx.AsyncClient() as client:
        http = AppHttp(client, app_name=app.name, headers=app.headers_for(creds), base_url=app.base_url_for(creds),
                       allowed_domains=app.allowed_domains_for(creds))
        return await app.test(AccountContext(auth=creds, http=http))


async def test_account_test_reads_the_username(catalog, respx_mock):
    route = respx_mock.get(f"{API}/user/username").mock(return_value=httpx.Response(200, json={"username": "acme-mail", "user_id": 1446226}))
    identity = await _account_test(catalog.apps["sendgrid"], AUTH)
    assert identity == Identity(name="acme-mail", external_id="1446226")
    assert_sendgrid(route.calls.last.request, "GET", "/user/username")


async def test_account_test_accepts_a_restricted_key_that_can_list_its_scopes(catalog, respx_mock):
    respx_mock.get(f"{API}/user/username").mock(return_value=httpx.Response(403, json={"errors": [{"field": None, "message": "access forbidden"}]}))
    scopes = respx_mock.get(f"{API}/scopes").mock(return_value=httpx.Response(200, json={"scopes": ["mail.send"]}))
    identity = await _account_test(catalog.apps["sendgrid"], AUTH)
    assert identity == Identity()
    assert_sendgrid(scopes.calls.last.request, "GET", "/scopes")


async def test_account_test_raises_on_a_rejected_key(catalog, respx_mock):
    respx_mock.get(f"{API}/user/username").mock(
        return_value=httpx.Response(401, json={"errors": [{"field": None, "message": "authorization required"}]})
    )
    with pytest.raises(UpstreamError, match="authorization required") as raised:
        await _account_test(catalog.apps["sendgrid"], {"api_key": "SG.wrong"})
    assert raised.value.status == 401
