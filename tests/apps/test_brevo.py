import json

import httpx

from mcp_gateway.catalog import Identity
from mcp_gateway.runtime.engine import fetch_options, run_action
from tests.apps.test_account_tests import run_test

API = "https://api.brevo.com/v3"
KEY = "xkeysib-0123456789abcdef-AbCdEfGh"
AUTH = {"api_key": KEY}


def assert_request(request, method, path, *, params=None, body=None):
    assert request.method == method
    assert str(request.url.copy_with(query=None)) == f"{API}{path}"
    assert dict(request.url.params) == (params or {})
    assert request.headers["api-key"] == KEY
    assert request.headers["accept"] == "application/json"
    if body is None:
        assert request.content == b""
    else:
        assert json.loads(request.content) == body


def _contact(contact_id=42, email="bob@example.com"):
    return {"email": email, "id": contact_id, "emailBlacklisted": False, "smsBlacklisted": False,
            "createdAt": "2026-11-01T10:00:00.000+01:00", "modifiedAt": "2026-12-01T10:00:00.000+01:00",
            "attributes": {"FIRSTNAME": "Bob", "LASTNAME": "Smith"}, "listIds": [2, 7], "listUnsubscribed": []}


def _contact_summary(contact_id=42, email="bob@example.com"):
    return {"id": contact_id, "email": email, "attributes": {"FIRSTNAME": "Bob", "LASTNAME": "Smith"}, "listIds": [2, 7],
            "emailBlacklisted": False, "smsBlacklisted": False, "createdAt": "2026-11-01T10:00:00.000+01:00",
            "modifiedAt": "2026-12-01T10:00:00.000+01:00"}


async def test_send_transactional_email_written_here(catalog, respx_mock):
    route = respx_mock.post(f"{API}/smtp/email").mock(return_value=httpx.Response(201, json={
        "messageId": "<201798300811.5787683@relay.domain.com>"}))
    result = await run_action(catalog.action("brevo-send-transactional-email"), {
        "sender": "Mary from MyShop <no-reply@myshop.com>", "to": ["Bob Smith <bob@example.com>", "eve@example.com"],
        "subject": "Your order", "htmlContent": "<p>Thanks!</p>", "textContent": "Thanks!", "replyTo": "support@myshop.com",
        "tags": ["order"], "scheduledAt": "2026-12-24T09:00:00+01:00"}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "POST", "/smtp/email", body={
        "to": [{"email": "bob@example.com", "name": "Bob Smith"}, {"email": "eve@example.com"}],
        "sender": {"email": "no-reply@myshop.com", "name": "Mary from MyShop"}, "subject": "Your order",
        "htmlContent": "<p>Thanks!</p>", "textContent": "Thanks!", "tags": ["order"],
        "scheduledAt": "2026-12-24T09:00:00+01:00", "replyTo": {"email": "support@myshop.com"}})
    assert result.ret == {"messageId": "<201798300811.5787683@relay.domain.com>", "messageIds": None, "batchId": None}
    assert result.summary == "Brevo accepted the email to bob@example.com, eve@example.com"


async def test_send_transactional_email_from_a_template(catalog, respx_mock):
    route = respx_mock.post(f"{API}/smtp/email").mock(return_value=httpx.Response(201, json={
        "messageId": "<201798300811.5787684@relay.domain.com>"}))
    action = catalog.action("brevo-send-transactional-email")
    result = await run_action(action, {"to": ["bob@example.com"], "templateId": 12, "params": {"FNAME": "Bob"}}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "POST", "/smtp/email", body={
        "to": [{"email": "bob@example.com"}], "params": {"FNAME": "Bob"}, "templateId": 12})
    bare = await run_action(action, {"to": ["bob@example.com"], "subject": "Hi"}, auth=AUTH)
    assert bare.error == "without a templateId, give sender, subject and htmlContent" and route.call_count == 1


async def test_template_options_page_by_offset(catalog, respx_mock):
    route = respx_mock.get(f"{API}/smtp/templates").mock(side_effect=[
        httpx.Response(200, json={"count": 2, "templates": [{"id": 12, "name": "Order confirmation", "isActive": True}]}),
        httpx.Response(200, json={"count": 2, "templates": [{"id": 14, "name": "Welcome", "isActive": True}]}),
    ])
    action = catalog.action("brevo-send-transactional-email")
    first = await fetch_options(action, "templateId", {}, auth=AUTH)
    assert first["options"] == [{"label": "Order confirmation", "value": 12}] and first["context"] == {"offset": 1}
    second = await fetch_options(action, "templateId", {}, auth=AUTH, page=1, prev_context=first["context"])
    assert second["options"] == [{"label": "Welcome", "value": 14}] and second["context"] is None
    assert_request(route.calls[1].request, "GET", "/smtp/templates",
                   params={"templateStatus": "true", "limit": "100", "offset": "1"})


async def test_send_sms(catalog, respx_mock):
    route = respx_mock.post(f"{API}/transactionalSMS/send").mock(return_value=httpx.Response(201, json={
        "messageId": 1511882900176220}))
    result = await run_action(catalog.action("brevo-send-sms"), {
        "sender": "MyShop", "recipient": "+33680065433", "content": "Your code is 1234", "type": "transactional",
        "unicodeEnabled": False}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "POST", "/transactionalSMS/send", body={
        "sender": "MyShop", "recipient": "33680065433", "content": "Your code is 1234", "type": "transactional",
        "unicodeEnabled": False})
    assert result.ret == {"messageId": 1511882900176220} and result.summary == "Brevo accepted the SMS to 33680065433"


async def test_get_contact_by_email_and_its_full_response(catalog, respx_mock):
    route = respx_mock.get(f"{API}/contacts/bob%40example.com").mock(return_value=httpx.Response(200, json={
        **_contact(), "statistics": {"messagesSent": [{"campaignId": 21, "eventTime": "2026-12-01T10:00:00.000+01:00"}]}}))
    action = catalog.action("brevo-get-contact")
    result = await run_action(action, {"identifier": "bob@example.com"}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "GET", "/contacts/bob%40example.com")
    assert result.ret == _contact_summary() and result.summary == "Read the contact bob@example.com"
    whole = await run_action(action, {"identifier": "bob@example.com", "fullResponse": True}, auth=AUTH)
    assert whole.ret["statistics"]["messagesSent"][0]["campaignId"] == 21


async def test_create_contact_into_lists(catalog, respx_mock):
    route = respx_mock.post(f"{API}/contacts").mock(return_value=httpx.Response(201, json={"id": 43}))
    result = await run_action(catalog.action("brevo-create-contact"), {
        "email": "eve@example.com", "attributes": {"FIRSTNAME": "Eve"}, "listIds": [2], "updateEnabled": True,
        "smsBlacklisted": True}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "POST", "/contacts", body={
        "email": "eve@example.com", "attributes": {"FIRSTNAME": "Eve"}, "listIds": [2], "smsBlacklisted": True,
        "updateEnabled": True})
    assert result.ret == {"id": 43, "email": "eve@example.com", "created": True}

    route.mock(return_value=httpx.Response(204))
    result = await run_action(catalog.action("brevo-create-contact"), {"email": "eve@example.com", "updateEnabled": True},
                              auth=AUTH)
    assert result.ret == {"id": None, "email": "eve@example.com", "created": False}
    assert result.summary == "Updated the contact eve@example.com"


async def test_list_options_for_contact_lists(catalog, respx_mock):
    route = respx_mock.get(f"{API}/contacts/lists").mock(return_value=httpx.Response(200, json={"count": 1, "lists": [
        {"id": 2, "name": "Newsletter", "totalBlacklisted": 3, "totalSubscribers": 120, "uniqueSubscribers": 118, "folderId": 1}]}))
    found = await fetch_options(catalog.action("brevo-create-contact"), "listIds", {}, auth=AUTH)
    assert found["options"] == [{"label": "Newsletter (118 contacts)", "value": 2}] and found["context"] is None
    assert_request(route.calls.last.request, "GET", "/contacts/lists", params={"limit": "50", "offset": "0"})


async def test_update_and_delete_contact(catalog, respx_mock):
    updated = respx_mock.put(f"{API}/contacts/42").mock(return_value=httpx.Response(204))
    result = await run_action(catalog.action("brevo-update-contact"), {
        "identifier": "42", "attributes": {"LASTNAME": "Jones"}, "listIds": [7], "unlinkListIds": [2],
        "emailBlacklisted": False}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(updated.calls.last.request, "PUT", "/contacts/42", body={
        "attributes": {"LASTNAME": "Jones"}, "listIds": [7], "unlinkListIds": [2], "emailBlacklisted": False})
    assert result.ret == {"identifier": "42", "updated": True,
                          "changed": ["attributes", "emailBlacklisted", "listIds", "unlinkListIds"]}
    nothing = await run_action(catalog.action("brevo-update-contact"), {"identifier": "42"}, auth=AUTH)
    assert nothing.error.startswith("nothing to change") and updated.call_count == 1

    deleted = respx_mock.delete(f"{API}/contacts/bob%40example.com").mock(return_value=httpx.Response(204))
    result = await run_action(catalog.action("brevo-delete-contact"), {"identifier": "bob@example.com"}, auth=AUTH)
    assert_request(deleted.calls.last.request, "DELETE", "/contacts/bob%40example.com")
    assert result.ret == {"identifier": "bob@example.com", "deleted": True}


async def test_list_contacts_pages_by_offset(catalog, respx_mock):
    route = respx_mock.get(f"{API}/contacts").mock(side_effect=[
        httpx.Response(200, json={"contacts": [_contact(), _contact(41, "ann@example.com")], "count": 3}),
        httpx.Response(200, json={"contacts": [_contact(40, "joe@example.com")], "count": 3}),
    ])
    action = catalog.action("brevo-list-contacts")
    first = await run_action(action, {"listIds": [2, 7], "modifiedSince": "2026-12-01T00:00:00Z", "limit": 2}, auth=AUTH)
    assert first.error is None, first.error
    assert_request(route.calls[0].request, "GET", "/contacts", params={
        "sort": "desc", "listIds": "2,7", "modifiedSince": "2026-12-01T00:00:00Z", "limit": "2", "offset": "0"})
    assert first.ret["contacts"][0] == _contact_summary() and first.ret["next_cursor"] == "2" and first.ret["total"] == 3
    second = await run_action(action, {"limit": 2, "cursor": "2"}, auth=AUTH)
    assert_request(route.calls[1].request, "GET", "/contacts", params={"sort": "desc", "limit": "2", "offset": "2"})
    assert second.ret["next_cursor"] is None and [c["email"] for c in second.ret["contacts"]] == ["joe@example.com"]


async def test_list_contact_lists(catalog, respx_mock):
    route = respx_mock.get(f"{API}/contacts/lists").mock(return_value=httpx.Response(200, json={"count": 1, "lists": [
        {"id": 2, "name": "Newsletter", "totalBlacklisted": 3, "totalSubscribers": 120, "uniqueSubscribers": 118, "folderId": 1}]}))
    result = await run_action(catalog.action("brevo-list-contact-lists"), {}, auth=AUTH)
    assert_request(route.calls.last.request, "GET", "/contacts/lists", params={"sort": "desc", "limit": "25", "offset": "0"})
    assert result.ret == {"lists": [{"id": 2, "name": "Newsletter", "uniqueSubscribers": 118, "totalSubscribers": 120,
                                     "totalBlacklisted": 3, "folderId": 1}], "total": 1, "next_cursor": None}


async def test_list_email_campaigns_with_statistics(catalog, respx_mock):
    route = respx_mock.get(f"{API}/emailCampaigns").mock(return_value=httpx.Response(200, json={"count": 1, "campaigns": [
        {"id": 21, "name": "December news", "subject": "Our December news", "type": "classic", "status": "sent",
         "testSent": False, "header": "[DEFAULT_HEADER]", "footer": "[DEFAULT_FOOTER]",
         "sender": {"name": "MyShop", "email": "news@myshop.com", "id": 1}, "replyTo": "news@myshop.com",
         "htmlContent": "", "tag": "", "createdAt": "2026-12-01T10:00:00.000+01:00",
         "modifiedAt": "2026-12-02T10:00:00.000+01:00", "sentDate": "2026-12-02T10:00:00.000+01:00",
         "recipients": {"lists": [2], "exclusionLists": []},
         "statistics": {"globalStats": {"uniqueClicks": 40, "clickers": 45, "complaints": 0, "delivered": 980, "sent": 1000,
                                        "softBounces": 5, "hardBounces": 15, "uniqueViews": 400, "trackableViews": 420,
                                        "unsubscriptions": 3, "viewed": 510},
                        "campaignStats": [], "mirrorClick": 0, "remaining": 0, "linksStats": {}, "statsByDomain": {}}}]}))
    result = await run_action(catalog.action("brevo-list-email-campaigns"), {"status": "sent", "limit": 10}, auth=AUTH)
    assert_request(route.calls.last.request, "GET", "/emailCampaigns", params={
        "sort": "desc", "statistics": "globalStats", "excludeHtmlContent": "true", "status": "sent", "limit": "10",
        "offset": "0"})
    assert result.ret["campaigns"] == [{
        "id": 21, "name": "December news", "subject": "Our December news", "status": "sent", "type": "classic",
        "sender": {"name": "MyShop", "email": "news@myshop.com", "id": 1}, "scheduledAt": None,
        "sentDate": "2026-12-02T10:00:00.000+01:00", "recipients": {"lists": [2], "exclusionLists": []},
        "stats": {"sent": 1000, "delivered": 980, "uniqueViews": 400, "uniqueClicks": 40, "unsubscriptions": 3,
                  "hardBounces": 15, "softBounces": 5, "complaints": 0}}]
    half = await run_action(catalog.action("brevo-list-email-campaigns"), {"startDate": "2026-12-01T00:00:00Z"}, auth=AUTH)
    assert half.error == "give startDate and endDate together" and route.call_count == 1


async def test_get_account(catalog, respx_mock):
    route = respx_mock.get(f"{API}/account").mock(return_value=httpx.Response(200, json={
        "email": "mary@myshop.com", "firstName": "Mary", "lastName": "Doe", "companyName": "MyShop",
        "address": {"street": "1 Rue de Rivoli", "city": "Paris", "zipCode": "75001", "country": "France"},
        "plan": [{"type": "payAsYouGo", "creditsType": "sendLimit", "credits": 1200, "startDate": "2026-01-01",
                  "endDate": "2027-01-01"}, {"type": "sms", "creditsType": "sendLimit", "credits": 82.85}],
        "relay": {"enabled": True, "data": {"userName": "mary@myshop.com", "relay": "smtp-relay.brevo.com", "port": 587}}}))
    result = await run_action(catalog.action("brevo-get-account"), {}, auth=AUTH)
    assert_request(route.calls.last.request, "GET", "/account")
    assert result.ret == {"email": "mary@myshop.com", "firstName": "Mary", "lastName": "Doe", "companyName": "MyShop",
                          "plan": [{"type": "payAsYouGo", "creditsType": "sendLimit", "credits": 1200, "endDate": "2027-01-01"},
                                   {"type": "sms", "creditsType": "sendLimit", "credits": 82.85, "endDate": None}]}
    assert result.summary == "Brevo account of MyShop"


async def test_vendor_errors_say_what_to_do(catalog, respx_mock):
    respx_mock.post(f"{API}/contacts").mock(return_value=httpx.Response(400, json={
        "code": "duplicate_parameter", "message": "Contact already exist"}))
    result = await run_action(catalog.action("brevo-create-contact"), {"email": "bob@example.com"}, auth=AUTH)
    assert "Contact already exist" in result.error and "brevo-update-contact" in result.error

    respx_mock.get(f"{API}/account").mock(return_value=httpx.Response(429, headers={
        "x-sib-ratelimit-limit": "10", "x-sib-ratelimit-remaining": "0", "x-sib-ratelimit-reset": "8"},
        json={"code": "too_many_requests", "message": "The expected rate limit is exceeded."}))
    result = await run_action(catalog.action("brevo-get-account"), {}, auth=AUTH)
    assert "rate limited by Brevo; retry after 8 s" in result.error


async def test_the_account_test_names_the_company(catalog, respx_mock):
    route = respx_mock.get(f"{API}/account").mock(return_value=httpx.Response(200, json={
        "email": "mary@myshop.com", "firstName": "Mary", "lastName": "Doe", "companyName": "MyShop", "plan": []}))
    assert await run_test(catalog.apps["brevo"], AUTH) == Identity(name="MyShop", external_id="mary@myshop.com")
    assert_request(route.calls.last.request, "GET", "/account")
