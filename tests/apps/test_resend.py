import json

import httpx
import pytest

from mcp_gateway.catalog import UpstreamError
from mcp_gateway.runtime.engine import fetch_options, run_action
from tests.apps.test_account_tests import run_test

API = "https://api.resend.com"
AUTH = {"api_key": "re_123456789_abcdefgh"}
EMAIL_ID = "49a3999c-0ce1-4ea6-ab68-afcd6dc2e794"
DOMAIN_ID = "d91cd9bd-1176-453e-8fc1-35364d380206"


def assert_request(request, method, path, *, params=None, body=None, headers=None):
    assert request.method == method
    assert str(request.url.copy_with(query=None)) == f"{API}{path}"
    assert dict(request.url.params) == (params or {})
    assert request.headers["authorization"] == "Bearer re_123456789_abcdefgh"
    for name, value in (headers or {}).items():
        assert request.headers[name] == value
    if body is None:
        assert request.content == b""
    else:
        assert json.loads(request.content) == body


def _domain(domain_id=DOMAIN_ID, name="acme.com", status="verified"):
    return {"id": domain_id, "name": name, "status": status, "created_at": "2026-04-26 20:21:26.347412+00",
            "region": "us-east-1", "open_tracking": False, "click_tracking": False,
            "capabilities": {"sending": "enabled", "receiving": "disabled"}}


async def test_send_email_with_schedule_tags_and_an_idempotency_key(catalog, respx_mock):
    route = respx_mock.post(f"{API}/emails").mock(return_value=httpx.Response(200, json={"id": EMAIL_ID}))
    result = await run_action(catalog.action("resend-send-email"), {
        "from": "Acme <onboarding@acme.com>", "to": ["bob@example.com"], "subject": "hello world",
        "html": "<p>it works!</p>", "replyTo": ["help@acme.com"], "scheduledAt": "2026-12-24T09:00:00Z",
        "tags": {"category": "confirm_email"}, "headers": {"X-Entity-Ref-ID": "123"},
        "idempotencyKey": "welcome-user-123"}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "POST", "/emails", headers={"idempotency-key": "welcome-user-123"}, body={
        "from": "Acme <onboarding@acme.com>", "to": ["bob@example.com"], "subject": "hello world",
        "html": "<p>it works!</p>", "reply_to": ["help@acme.com"], "scheduled_at": "2026-12-24T09:00:00Z",
        "tags": [{"name": "category", "value": "confirm_email"}], "headers": {"X-Entity-Ref-ID": "123"}})
    assert result.ret == {"id": EMAIL_ID}
    assert result.summary == "Resend accepted the email to bob@example.com for 2026-12-24T09:00:00Z"


async def test_send_email_from_a_template_and_checks_before_sending(catalog, respx_mock):
    route = respx_mock.post(f"{API}/emails").mock(return_value=httpx.Response(200, json={"id": EMAIL_ID}))
    action = catalog.action("resend-send-email")
    result = await run_action(action, {"from": "onboarding@acme.com", "to": ["bob@example.com"], "templateId": "welcome",
                                       "templateVariables": {"name": "Bob", "credits": 5}}, auth=AUTH)
    assert result.error is None, result.error
    assert json.loads(route.calls.last.request.content) == {
        "from": "onboarding@acme.com", "to": ["bob@example.com"],
        "template": {"id": "welcome", "variables": {"name": "Bob", "credits": 5}}}
    assert "idempotency-key" not in route.calls.last.request.headers
    missing = await run_action(action, {"from": "onboarding@acme.com", "to": ["bob@example.com"], "subject": "Hi"}, auth=AUTH)
    assert missing.error == "the email needs a body: html, text or both (or a published templateId)"
    both = await run_action(action, {"from": "onboarding@acme.com", "to": ["bob@example.com"], "templateId": "welcome",
                                     "text": "Hi"}, auth=AUTH)
    assert both.error == "the email takes html and text, or a templateId, not both" and route.call_count == 1


async def test_send_batch_emails(catalog, respx_mock):
    route = respx_mock.post(f"{API}/emails/batch").mock(return_value=httpx.Response(200, json={"data": [
        {"id": "ae2014de-c168-4c61-8267-70d2662a1ce1"}, {"id": "faccb7a5-8a28-4e9a-ac64-8da1cc3bc1cb"}]}))
    result = await run_action(catalog.action("resend-send-batch-emails"), {"from": "Acme <onboarding@acme.com>", "messages": [
        {"to": ["bob@example.com"], "subject": "hello world", "html": "<h1>it works!</h1>"},
        {"to": "eve@example.com", "subject": "world hello", "text": "it works!", "from": "billing@acme.com"}]}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "POST", "/emails/batch", body=[
        {"from": "Acme <onboarding@acme.com>", "to": ["bob@example.com"], "subject": "hello world", "html": "<h1>it works!</h1>"},
        {"from": "billing@acme.com", "to": "eve@example.com", "subject": "world hello", "text": "it works!"}])
    assert result.ret == {"ids": ["ae2014de-c168-4c61-8267-70d2662a1ce1", "faccb7a5-8a28-4e9a-ac64-8da1cc3bc1cb"]}
    scheduled = await run_action(catalog.action("resend-send-batch-emails"), {"from": "onboarding@acme.com", "messages": [
        {"to": ["bob@example.com"], "subject": "Hi", "text": "x", "scheduledAt": "in 1 hour"}]}, auth=AUTH)
    assert scheduled.error.startswith("message 1: batch emails cannot be scheduled") and route.call_count == 1


async def test_get_email_and_its_full_response(catalog, respx_mock):
    email = {"object": "email", "id": EMAIL_ID, "to": ["bob@example.com"], "from": "Acme <onboarding@acme.com>",
             "created_at": "2026-12-03 22:13:42.674981+00", "subject": "hello world", "html": "<p>it works!</p>",
             "text": None, "bcc": [], "cc": [], "reply_to": [], "last_event": "delivered", "scheduled_at": None,
             "message_id": "<202612030000.49a3999c@acme.com>"}
    route = respx_mock.get(f"{API}/emails/{EMAIL_ID}").mock(return_value=httpx.Response(200, json=email))
    action = catalog.action("resend-get-email")
    result = await run_action(action, {"emailId": EMAIL_ID}, auth=AUTH)
    assert_request(route.calls.last.request, "GET", f"/emails/{EMAIL_ID}")
    assert result.ret == {"id": EMAIL_ID, "from": "Acme <onboarding@acme.com>", "to": ["bob@example.com"],
                          "subject": "hello world", "last_event": "delivered", "created_at": "2026-12-03 22:13:42.674981+00",
                          "scheduled_at": None, "cc": [], "bcc": [], "reply_to": []}
    assert result.summary == "The email 'hello world' is delivered"
    whole = await run_action(action, {"emailId": EMAIL_ID, "fullResponse": True}, auth=AUTH)
    assert whole.ret == email


async def test_cancel_scheduled_email(catalog, respx_mock):
    route = respx_mock.post(f"{API}/emails/{EMAIL_ID}/cancel").mock(return_value=httpx.Response(200, json={
        "object": "email", "id": EMAIL_ID}))
    result = await run_action(catalog.action("resend-cancel-scheduled-email"), {"emailId": EMAIL_ID}, auth=AUTH)
    assert_request(route.calls.last.request, "POST", f"/emails/{EMAIL_ID}/cancel")
    assert result.ret == {"id": EMAIL_ID, "canceled": True}


async def test_list_domains_follows_after_cursors(catalog, respx_mock):
    route = respx_mock.get(f"{API}/domains").mock(side_effect=[
        httpx.Response(200, json={"object": "list", "has_more": True, "data": [_domain(), _domain("d2", "mail.acme.com", "pending")]}),
        httpx.Response(200, json={"object": "list", "has_more": False, "data": [_domain("d3", "news.acme.com")]}),
    ])
    action = catalog.action("resend-list-domains")
    first = await run_action(action, {"limit": 2}, auth=AUTH)
    assert first.error is None, first.error
    assert_request(route.calls[0].request, "GET", "/domains", params={"limit": "2"})
    assert first.ret["domains"][0] == {"id": DOMAIN_ID, "name": "acme.com", "status": "verified", "region": "us-east-1",
                                       "created_at": "2026-04-26 20:21:26.347412+00",
                                       "capabilities": {"sending": "enabled", "receiving": "disabled"}}
    assert first.ret["next_cursor"] == "d2"
    second = await run_action(action, {"limit": 2, "cursor": "d2"}, auth=AUTH)
    assert_request(route.calls[1].request, "GET", "/domains", params={"limit": "2", "after": "d2"})
    assert second.ret["next_cursor"] is None and [d["name"] for d in second.ret["domains"]] == ["news.acme.com"]


async def test_get_and_verify_domain(catalog, respx_mock):
    got = respx_mock.get(f"{API}/domains/{DOMAIN_ID}").mock(return_value=httpx.Response(200, json={
        "object": "domain", **_domain(status="pending"), "records": [
            {"record": "SPF", "name": "send", "type": "MX", "ttl": "Auto", "status": "pending",
             "value": "feedback-smtp.us-east-1.amazonses.com", "priority": 10},
            {"record": "DKIM", "name": "resend._domainkey", "type": "TXT", "ttl": "Auto", "status": "verified", "value": "p=MIGf"}]}))
    result = await run_action(catalog.action("resend-get-domain"), {"domainId": DOMAIN_ID}, auth=AUTH)
    assert_request(got.calls.last.request, "GET", f"/domains/{DOMAIN_ID}")
    assert result.ret["records"][0] == {"record": "SPF", "type": "MX", "name": "send",
                                        "value": "feedback-smtp.us-east-1.amazonses.com", "priority": 10, "status": "pending"}
    assert result.summary == "acme.com is pending"

    verified = respx_mock.post(f"{API}/domains/{DOMAIN_ID}/verify").mock(return_value=httpx.Response(200, json={
        "object": "domain", "id": DOMAIN_ID}))
    result = await run_action(catalog.action("resend-verify-domain"), {"domainId": DOMAIN_ID}, auth=AUTH)
    assert_request(verified.calls.last.request, "POST", f"/domains/{DOMAIN_ID}/verify")
    assert result.ret == {"id": DOMAIN_ID, "verification_started": True}


async def test_domain_options_page_with_after(catalog, respx_mock):
    route = respx_mock.get(f"{API}/domains").mock(side_effect=[
        httpx.Response(200, json={"object": "list", "has_more": True, "data": [_domain()]}),
        httpx.Response(200, json={"object": "list", "has_more": False, "data": [_domain("d2", "mail.acme.com", "pending")]}),
    ])
    action = catalog.action("resend-verify-domain")
    first = await fetch_options(action, "domainId", {}, auth=AUTH)
    assert first["options"] == [{"label": "acme.com (verified)", "value": DOMAIN_ID}] and first["context"] == {"after": DOMAIN_ID}
    second = await fetch_options(action, "domainId", {}, auth=AUTH, page=1, prev_context=first["context"])
    assert second["options"] == [{"label": "mail.acme.com (pending)", "value": "d2"}] and second["context"] is None
    assert_request(route.calls[1].request, "GET", "/domains", params={"limit": "100", "after": DOMAIN_ID})


async def test_create_contact_into_segments(catalog, respx_mock):
    segments = respx_mock.get(f"{API}/segments").mock(return_value=httpx.Response(200, json={
        "object": "list", "has_more": False, "data": [
            {"id": "78261eea-8f8b-4381-83c6-79fa7120f1cf", "name": "Registered Users", "created_at": "2026-10-06 22:59:55.977+00"}]}))
    found = await fetch_options(catalog.action("resend-create-contact"), "segments", {}, auth=AUTH)
    assert found["options"] == [{"label": "Registered Users", "value": "78261eea-8f8b-4381-83c6-79fa7120f1cf"}]
    assert_request(segments.calls.last.request, "GET", "/segments", params={"limit": "100"})

    route = respx_mock.post(f"{API}/contacts").mock(return_value=httpx.Response(200, json={
        "object": "contact", "id": "479e3145-dd38-476b-932c-529ceb705947"}))
    result = await run_action(catalog.action("resend-create-contact"), {
        "email": "steve.wozniak@gmail.com", "firstName": "Steve", "lastName": "Wozniak", "unsubscribed": False,
        "segments": ["78261eea-8f8b-4381-83c6-79fa7120f1cf"], "properties": {"plan": "pro"}}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "POST", "/contacts", body={
        "email": "steve.wozniak@gmail.com", "first_name": "Steve", "last_name": "Wozniak",
        "segments": ["78261eea-8f8b-4381-83c6-79fa7120f1cf"], "properties": {"plan": "pro"}, "unsubscribed": False})
    assert result.ret == {"id": "479e3145-dd38-476b-932c-529ceb705947", "email": "steve.wozniak@gmail.com"}


async def test_vendor_errors_say_what_to_do(catalog, respx_mock):
    respx_mock.get(f"{API}/emails/{EMAIL_ID}").mock(side_effect=[
        httpx.Response(401, json={"statusCode": 401, "name": "restricted_api_key",
                                  "message": "This API key is restricted to only send emails"}),
        httpx.Response(429, headers={"retry-after": "1", "ratelimit-limit": "2", "ratelimit-remaining": "0"}, json={
            "statusCode": 429, "name": "rate_limit_exceeded", "message": "Too many requests. You can only make 2 requests per second."}),
    ])
    action = catalog.action("resend-get-email")
    assert "reconnect Resend with a full-access key" in (await run_action(action, {"emailId": EMAIL_ID}, auth=AUTH)).error
    assert "rate limited by Resend; retry after 1 s" in (await run_action(action, {"emailId": EMAIL_ID}, auth=AUTH)).error


async def test_the_account_test_accepts_a_sending_only_key(catalog, respx_mock):
    respx_mock.get(f"{API}/domains").mock(side_effect=[
        httpx.Response(401, json={"statusCode": 401, "name": "restricted_api_key",
                                  "message": "This API key is restricted to only send emails"}),
        httpx.Response(403, json={"statusCode": 403, "name": "invalid_api_key", "message": "API key is invalid"}),
    ])
    app = catalog.apps["resend"]
    assert await run_test(app, AUTH) is None
    with pytest.raises(UpstreamError, match="reconnect Resend with a valid one"):
        await run_test(app, AUTH)
