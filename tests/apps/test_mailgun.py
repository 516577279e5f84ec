import base64
from urllib.parse import parse_qs

import httpx
import pytest

from mcp_gateway.catalog import UpstreamError
from mcp_gateway.runtime.engine import fetch_options, run_action
from tests.apps.test_account_tests import run_test

US = "https://api.mailgun.net"
EU = "https://api.eu.mailgun.net"
KEY = "key-3ax6xnjp29jd6fds4gc373sgvjxteol0"
AUTH = {"api_key": KEY}
DOMAIN = "mg.example.com"
BASIC = "Basic " + base64.b64encode(f"api:{KEY}".encode()).decode()


def assert_request(request, method, url, *, params=None, form=None):
    assert request.method == method
    assert str(request.url.copy_with(query=None)) == url
    assert dict(request.url.params) == (params or {})
    assert request.headers["authorization"] == BASIC
    if form is None:
        assert request.content == b""
    else:
        assert request.headers["content-type"] == "application/x-www-form-urlencoded"
        assert parse_qs(request.content.decode(), keep_blank_values=True) == form


def _event(event="delivered", event_id="czsjqFATSlC3QtAK-C80nw"):
    return {"event": event, "id": event_id, "timestamp": 1796808000.5, "log-level": "info", "recipient": "bob@example.com",
            "tags": ["receipt"], "user-variables": {}, "flags": {"is-test-mode": False},
            "envelope": {"sender": "ada@mg.example.com", "transport": "smtp", "targets": "bob@example.com"},
            "delivery-status": {"code": 250, "message": "OK", "description": "", "attempt-no": 1},
            "message": {"headers": {"to": "bob@example.com", "message-id": "20261209.1.ABC@mg.example.com",
                                    "from": "ada@mg.example.com", "subject": "Your receipt"}, "attachments": [], "size": 867}}


async def test_send_email_posts_a_form_and_returns_the_message_id(catalog, respx_mock):
    route = respx_mock.post(f"{US}/v3/{DOMAIN}/messages").mock(return_value=httpx.Response(200, json={
        "id": "<20261209.1.ABC@mg.example.com>", "message": "Queued. Thank you."}))
    result = await run_action(catalog.action("mailgun-send-email"), {
        "domain": DOMAIN, "from": "Ada <ada@mg.example.com>", "to": ["bob@example.com", "eve@example.com"],
        "subject": "Your receipt", "html": "<p>Thanks!</p>", "text": "Thanks!", "replyTo": "help@example.com",
        "tags": ["receipt"], "deliveryTime": "2026-12-24T09:00:00Z", "tracking": False}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "POST", f"{US}/v3/{DOMAIN}/messages", form={
        "from": ["Ada <ada@mg.example.com>"], "to": ["bob@example.com", "eve@example.com"], "subject": ["Your receipt"],
        "html": ["<p>Thanks!</p>"], "text": ["Thanks!"], "o:tag": ["receipt"], "h:Reply-To": ["help@example.com"],
        "o:deliverytime": ["Thu, 24 Dec 2026 09:00:00 +0000"], "o:tracking": ["no"]})
    assert result.ret == {"id": "<20261209.1.ABC@mg.example.com>", "message": "Queued. Thank you."}
    assert result.summary == "Mailgun queued 'Your receipt' to bob@example.com, eve@example.com"


async def test_send_email_with_a_template_in_the_eu_region(catalog, respx_mock):
    route = respx_mock.post(f"{EU}/v3/{DOMAIN}/messages").mock(return_value=httpx.Response(200, json={
        "id": "<20261209.2.DEF@mg.example.com>", "message": "Queued. Thank you."}))
    result = await run_action(catalog.action("mailgun-send-email"), {
        "domain": DOMAIN, "from": "ada@mg.example.com", "to": ["bob@example.com"], "template": "welcome",
        "templateVariables": {"name": "Bob"}, "testMode": True}, auth={**AUTH, "region": "eu"})
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "POST", f"{EU}/v3/{DOMAIN}/messages", form={
        "from": ["ada@mg.example.com"], "to": ["bob@example.com"], "template": ["welcome"],
        "t:variables": ['{"name":"Bob"}'], "o:testmode": ["yes"]})


async def test_send_email_needs_a_body_and_a_subject(catalog, respx_mock):
    action = catalog.action("mailgun-send-email")
    base = {"domain": DOMAIN, "from": "ada@mg.example.com", "to": ["bob@example.com"]}
    assert (await run_action(action, {**base, "subject": "Hi"}, auth=AUTH)).error == (
        "give the email a body (html, text or both) or a stored template")
    assert (await run_action(action, {**base, "text": "Hi"}, auth=AUTH)).error == "give the email a subject"
    assert not respx_mock.calls


async def test_list_events_filters_and_follows_the_next_link(catalog, respx_mock):
    next_page = f"{US}/v3/{DOMAIN}/events/W3siYiI6ICIyMDI2LTEyLTA5In1d"
    first = respx_mock.get(f"{US}/v3/{DOMAIN}/events").mock(return_value=httpx.Response(200, json={
        "items": [_event(), _event("failed", "Ase2")], "paging": {"next": next_page, "previous": f"{US}/v3/{DOMAIN}/events/Lkawm"}}))
    action = catalog.action("mailgun-list-events")
    result = await run_action(action, {"domain": DOMAIN, "recipient": "bob@example.com", "messageId": "<20261209.1.ABC@mg.example.com>",
                                       "begin": "2026-12-09", "limit": 2}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(first.calls.last.request, "GET", f"{US}/v3/{DOMAIN}/events", params={
        "recipient": "bob@example.com", "message-id": "20261209.1.ABC@mg.example.com", "begin": "1796774400",
        "ascending": "yes", "limit": "2"})
    assert result.ret["events"][0] == {
        "id": "czsjqFATSlC3QtAK-C80nw", "event": "delivered", "at": "2026-12-09T09:20:00.500000+00:00",
        "recipient": "bob@example.com", "from": "ada@mg.example.com", "subject": "Your receipt",
        "message_id": "20261209.1.ABC@mg.example.com", "severity": None, "reason": None, "delivery_message": "OK",
        "tags": ["receipt"], "url": None}
    assert result.ret["next_cursor"] == next_page

    second = respx_mock.get(next_page).mock(return_value=httpx.Response(200, json={
        "items": [_event("opened", "Bq9")], "paging": {"next": f"{US}/v3/{DOMAIN}/events/W3siZ"}}))
    result = await run_action(action, {"domain": DOMAIN, "limit": 2, "cursor": next_page}, auth=AUTH)
    assert_request(second.calls.last.request, "GET", next_page)
    assert result.ret["next_cursor"] is None and [e["event"] for e in result.ret["events"]] == ["opened"]

    foreign = await run_action(action, {"domain": DOMAIN, "cursor": "https://evil.example/v3/x"}, auth=AUTH)
    assert "not one this action returned" in foreign.error


async def test_list_and_get_domains(catalog, respx_mock):
    listed = respx_mock.get(f"{US}/v4/domains").mock(return_value=httpx.Response(200, json={"total_count": 3, "items": [
        {"created_at": "Mon, 02 Jan 2026 15:04:05 GMT", "id": "1", "name": DOMAIN, "state": "active", "type": "custom",
         "web_prefix": "email", "require_tls": False, "smtp_login": f"postmaster@{DOMAIN}"}]}))
    result = await run_action(catalog.action("mailgun-list-domains"), {"state": "active", "limit": 1}, auth=AUTH)
    assert_request(listed.calls.last.request, "GET", f"{US}/v4/domains", params={"limit": "1", "skip": "0", "state": "active"})
    assert result.ret == {"domains": [{"name": DOMAIN, "id": "1", "state": "active", "type": "custom",
                                       "created_at": "Mon, 02 Jan 2026 15:04:05 GMT", "disabled": None}],
                          "total": 3, "next_cursor": "1"}

    got = respx_mock.get(f"{US}/v4/domains/{DOMAIN}").mock(return_value=httpx.Response(200, json={
        "domain": {"created_at": "Mon, 02 Jan 2026 15:04:05 GMT", "id": "1", "name": DOMAIN, "state": "unverified",
                   "type": "custom", "spam_action": "disabled", "web_scheme": "https"},
        "receiving_dns_records": [{"is_active": True, "cached": [], "priority": "10", "record_type": "MX", "valid": "unknown",
                                   "value": "mxa.mailgun.org"}],
        "sending_dns_records": [{"is_active": True, "cached": [], "name": DOMAIN, "record_type": "TXT", "valid": "invalid",
                                 "value": "v=spf1 include:mailgun.org ~all"}]}))
    action = catalog.action("mailgun-get-domain")
    result = await run_action(action, {"domain": DOMAIN}, auth=AUTH)
    assert_request(got.calls.last.request, "GET", f"{US}/v4/domains/{DOMAIN}")
    assert result.ret["state"] == "unverified" and result.ret["sending_dns_records"] == [
        {"type": "TXT", "name": DOMAIN, "value": "v=spf1 include:mailgun.org ~all", "priority": None, "valid": "invalid"}]
    assert result.summary == f"{DOMAIN} is unverified"
    whole = await run_action(action, {"domain": DOMAIN, "fullResponse": True}, auth=AUTH)
    assert whole.ret["domain"]["spam_action"] == "disabled"


async def test_domain_options_page_by_skip(catalog, respx_mock):
    route = respx_mock.get(f"{US}/v4/domains").mock(side_effect=[
        httpx.Response(200, json={"total_count": 2, "items": [{"id": "1", "name": DOMAIN, "state": "active"}]}),
        httpx.Response(200, json={"total_count": 2, "items": [{"id": "2", "name": "mg.other.com", "state": "unverified"}]}),
    ])
    action = catalog.action("mailgun-list-events")
    first = await fetch_options(action, "domain", {}, auth=AUTH)
    assert first["options"] == [{"label": f"{DOMAIN} (active)", "value": DOMAIN}] and first["context"] == {"skip": 1}
    second = await fetch_options(action, "domain", {}, auth=AUTH, page=1, prev_context=first["context"])
    assert second["options"] == [{"label": "mg.other.com (unverified)", "value": "mg.other.com"}] and second["context"] is None
    assert_request(route.calls[1].request, "GET", f"{US}/v4/domains", params={"limit": "100", "skip": "1"})


async def test_list_suppressions_of_each_kind(catalog, respx_mock):
    bounces = respx_mock.get(f"{US}/v3/{DOMAIN}/bounces").mock(return_value=httpx.Response(200, json={
        "items": [{"address": "gone@example.com", "code": "550", "error": "No such mailbox",
                   "created_at": "Thu, 11 Dec 2025 01:49:40 UTC"}],
        "paging": {"first": f"{US}/v3/{DOMAIN}/bounces?limit=25", "next": f"{US}/v3/{DOMAIN}/bounces?page=next&limit=25",
                   "previous": f"{US}/v3/{DOMAIN}/bounces?page=previous&limit=25", "last": f"{US}/v3/{DOMAIN}/bounces?page=last&limit=25"}}))
    action = catalog.action("mailgun-list-suppressions")
    result = await run_action(action, {"domain": DOMAIN}, auth=AUTH)
    assert_request(bounces.calls.last.request, "GET", f"{US}/v3/{DOMAIN}/bounces", params={"limit": "25"})
    assert result.ret == {"type": "bounces", "next_cursor": None, "items": [
        {"address": "gone@example.com", "code": "550", "error": "No such mailbox", "tags": None,
         "created_at": "Thu, 11 Dec 2025 01:49:40 UTC"}]}

    unsubscribes = respx_mock.get(f"{US}/v3/{DOMAIN}/unsubscribes").mock(return_value=httpx.Response(200, json={
        "items": [{"address": "alice@example.com", "tags": ["newsletter"], "created_at": "Thu, 11 Dec 2025 01:49:40 UTC"}],
        "paging": {"next": f"{US}/v3/{DOMAIN}/unsubscribes?page=next&address=alice%40example.com&limit=1"}}))
    result = await run_action(action, {"domain": DOMAIN, "type": "unsubscribes", "limit": 1}, auth=AUTH)
    assert_request(unsubscribes.calls.last.request, "GET", f"{US}/v3/{DOMAIN}/unsubscribes", params={"limit": "1"})
    assert result.ret["items"][0]["tags"] == ["newsletter"]
    assert result.ret["next_cursor"] == f"{US}/v3/{DOMAIN}/unsubscribes?page=next&address=alice%40example.com&limit=1"
    assert result.summary == f"Listed 1 unsubscribes of {DOMAIN}"


async def test_mailing_lists_and_their_options(catalog, respx_mock):
    route = respx_mock.get(f"{US}/v3/lists/pages").mock(return_value=httpx.Response(200, json={
        "items": [{"access_level": "readonly", "address": "news@mg.example.com", "created_at": "Tue, 06 Mar 2026 05:44:45 GMT",
                   "description": "Monthly news", "members_count": 120, "name": "News", "reply_preference": "list"}],
        "paging": {"first": f"{US}/v3/lists/pages?limit=25", "next": f"{US}/v3/lists/pages?page=next&address=news%40mg.example.com"}}))
    result = await run_action(catalog.action("mailgun-list-mailing-lists"), {}, auth=AUTH)
    assert_request(route.calls.last.request, "GET", f"{US}/v3/lists/pages", params={"limit": "25"})
    assert result.ret == {"lists": [{"address": "news@mg.example.com", "name": "News", "description": "Monthly news",
                                     "members_count": 120, "access_level": "readonly",
                                     "created_at": "Tue, 06 Mar 2026 05:44:45 GMT"}], "next_cursor": None}
    found = await fetch_options(catalog.action("mailgun-add-mailing-list-member"), "listAddress", {}, auth=AUTH)
    assert found["options"] == [{"label": "News <news@mg.example.com>", "value": "news@mg.example.com"}]
    assert found["context"] is None and route.calls.last.request.url.params["limit"] == "100"


async def test_add_mailing_list_member(catalog, respx_mock):
    route = respx_mock.post(f"{US}/v3/lists/news@mg.example.com/members").mock(return_value=httpx.Response(200, json={
        "member": {"address": "bob@example.com", "name": "Bob", "vars": {"plan": "pro"}, "subscribed": True},
        "message": "Mailing list member has been created"}))
    result = await run_action(catalog.action("mailgun-add-mailing-list-member"), {
        "listAddress": "news@mg.example.com", "address": "bob@example.com", "name": "Bob", "vars": {"plan": "pro"},
        "subscribed": True, "upsert": True}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "POST", f"{US}/v3/lists/news@mg.example.com/members", form={
        "address": ["bob@example.com"], "upsert": ["yes"], "name": ["Bob"], "vars": ['{"plan":"pro"}'], "subscribed": ["yes"]})
    assert result.summary == "Mailing list member has been created: bob@example.com"


async def test_validate_email_goes_to_the_us_region(catalog, respx_mock):
    route = respx_mock.get(f"{US}/v4/address/validate").mock(return_value=httpx.Response(200, json={
        "address": "bob@gmial.com", "did_you_mean": "bob@gmail.com", "is_disposable_address": False, "is_role_address": False,
        "reason": ["no_mx"], "result": "undeliverable", "risk": "high", "root_address": "bob@gmial.com"}))
    result = await run_action(catalog.action("mailgun-validate-email"), {"address": "bob@gmial.com", "providerLookup": False},
                              auth={**AUTH, "region": "eu"})
    assert_request(route.calls.last.request, "GET", f"{US}/v4/address/validate",
                   params={"address": "bob@gmial.com", "provider_lookup": "false"})
    assert result.ret == {"address": "bob@gmial.com", "result": "undeliverable", "risk": "high", "reason": ["no_mx"],
                          "did_you_mean": "bob@gmail.com", "is_disposable_address": False, "is_role_address": False}
    assert result.summary == "bob@gmial.com is undeliverable (risk high)"


async def test_vendor_errors_say_what_to_do(catalog, respx_mock):
    respx_mock.post(f"{US}/v3/sandbox123.mailgun.org/messages").mock(return_value=httpx.Response(403, json={
        "message": "Domain sandbox123.mailgun.org is not allowed to send: Free accounts are for test purposes only. "
                   "Please upgrade or add the address to authorized recipients in Account Settings."}))
    result = await run_action(catalog.action("mailgun-send-email"), {
        "domain": "sandbox123.mailgun.org", "from": "ada@sandbox123.mailgun.org", "to": ["bob@example.com"],
        "subject": "Hi", "text": "Hi"}, auth=AUTH)
    assert "sandbox domain sends only to the recipients authorized" in result.error

    respx_mock.get(f"{US}/v4/domains/{DOMAIN}").mock(side_effect=[
        httpx.Response(404, json={"message": "Domain not found"}),
        httpx.Response(429, headers={"Retry-After": "30"}, json={"message": "Too many requests"}),
    ])
    action = catalog.action("mailgun-get-domain")
    assert "check the account's region" in (await run_action(action, {"domain": DOMAIN}, auth=AUTH)).error
    assert "rate limited by Mailgun; retry after 30 s" in (await run_action(action, {"domain": DOMAIN}, auth=AUTH)).error


async def test_the_account_test_reads_one_domain_in_the_accounts_region(catalog, respx_mock):
    route = respx_mock.get(f"{EU}/v4/domains").mock(return_value=httpx.Response(200, json={"total_count": 0, "items": []}))
    assert await run_test(catalog.apps["mailgun"], {**AUTH, "region": "eu"}) is None
    assert_request(route.calls.last.request, "GET", f"{EU}/v4/domains", params={"limit": "1"})
    respx_mock.get(f"{US}/v4/domains").mock(return_value=httpx.Response(401, text="Forbidden"))
    with pytest.raises(UpstreamError, match="Mailgun rejected the API key"):
        await run_test(catalog.apps["mailgun"], AUTH)
