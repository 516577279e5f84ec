import hashlib
import json

import httpx

from mcp_gateway.catalog import Identity
from mcp_gateway.runtime.engine import fetch_options, run_action
from tests.apps.test_account_tests import run_test

API = "https://us19.api.mailchimp.com/3.0"
METADATA = "https://login.mailchimp.com/oauth2/metadata"
TOKEN = "5c6ccc561059aa386da9d112215bae55"
AUTH = {"oauth_access_token": TOKEN, "dc": "us19"}
LIST_ID = "4ca5becb8d"
CAMPAIGN_ID = "42694e9e57"
EMAIL = "Bob@Example.com"
BOB = hashlib.md5(b"bob@example.com").hexdigest()


def assert_request(request, method, path, *, params=None, body=None, token=TOKEN):
    assert request.method == method
    assert str(request.url.copy_with(query=None)) == f"{API}{path}"
    assert dict(request.url.params) == (params or {})
    assert request.headers["authorization"] == f"Bearer {token}"
    if body is None:
        assert request.content == b""
    else:
        assert json.loads(request.content) == body


def _metadata(dc="us19"):
    return {"dc": dc, "role": "owner", "accountname": "Acme Coffee", "user_id": 8675309,
            "login": {"email": "ada@example.com", "avatar": None, "login_id": 8675309, "login_name": "ada",
                      "login_email": "ada@example.com"},
            "login_url": "https://login.mailchimp.com", "api_endpoint": f"https://{dc}.api.mailchimp.com"}


def _audience(list_id=LIST_ID, name="Acme Coffee News"):
    return {"id": list_id, "web_id": 123456, "name": name, "double_optin": False, "date_created": "2026-01-15T10:00:00+00:00",
            "subscribe_url_short": "http://eepurl.com/abc123", "list_rating": 3, "visibility": "pub",
            "contact": {"company": "Acme Coffee", "city": "Atlanta", "country": "US"},
            "stats": {"member_count": 1204, "unsubscribe_count": 31, "cleaned_count": 4, "campaign_count": 18,
                      "last_sub_date": "2026-12-05T16:20:00+00:00", "open_rate": 41.2, "click_rate": 6.3}}


def _member(status="subscribed"):
    return {"id": BOB, "email_address": "bob@example.com", "unique_email_id": "882e9bec19", "contact_id": "ab3c",
            "full_name": "Bob Smith", "web_id": 556677, "email_type": "html", "status": status,
            "merge_fields": {"FNAME": "Bob", "LNAME": "Smith"}, "stats": {"avg_open_rate": 0.5, "avg_click_rate": 0.1},
            "ip_signup": "", "timestamp_signup": "", "ip_opt": "198.51.100.7", "timestamp_opt": "2026-12-01T09:00:00+00:00",
            "member_rating": 4, "last_changed": "2026-12-06T09:00:00+00:00", "language": "en", "vip": False,
            "email_client": "", "location": {"latitude": 0, "longitude": 0}, "source": "API - Generic",
            "tags_count": 1, "tags": [{"id": 1141, "name": "customer"}], "list_id": LIST_ID}


def _member_summary(status="subscribed"):
    return {"id": BOB, "email_address": "bob@example.com", "full_name": "Bob Smith", "status": status, "list_id": LIST_ID,
            "merge_fields": {"FNAME": "Bob", "LNAME": "Smith"}, "tags": ["customer"], "vip": False, "member_rating": 4,
            "timestamp_opt": "2026-12-01T09:00:00+00:00", "last_changed": "2026-12-06T09:00:00+00:00"}


def _campaign(campaign_id=CAMPAIGN_ID, status="save", title="December news"):
    return {"id": campaign_id, "web_id": 998877, "type": "regular", "create_time": "2026-12-06T10:00:00+00:00",
            "archive_url": "http://eepurl.com/xyz", "long_archive_url": "https://us19.campaign-archive.com/?u=1&id=2",
            "status": status, "emails_sent": 0, "send_time": "", "content_type": "template",
            "recipients": {"list_id": LIST_ID, "list_is_active": True, "list_name": "Acme Coffee News",
                           "segment_text": "", "recipient_count": 1204},
            "settings": {"subject_line": "Our December news", "preview_text": "Beans of the month", "title": title,
                         "from_name": "Acme Coffee", "reply_to": "news@acme.example", "use_conversation": False,
                         "to_name": "", "folder_id": "", "authenticate": True, "auto_footer": False, "inline_css": False},
            "tracking": {"opens": True, "html_clicks": True, "text_clicks": False}}


async def test_list_audiences_pages_by_offset(catalog, respx_mock):
    route = respx_mock.get(f"{API}/lists").mock(side_effect=[
        httpx.Response(200, json={"lists": [_audience(), _audience("b2", "VIPs")], "total_items": 3,
                                  "constraints": {"may_create": True, "max_instances": 5}}),
        httpx.Response(200, json={"lists": [_audience("c3", "Wholesale")], "total_items": 3}),
    ])
    action = catalog.action("mailchimp-list-audiences")
    first = await run_action(action, {"limit": 2}, auth=AUTH)
    assert first.error is None, first.error
    assert_request(route.calls[0].request, "GET", "/lists",
                   params={"sort_field": "date_created", "sort_dir": "DESC", "count": "2", "offset": "0"})
    assert first.ret["lists"][0] == {
        "id": LIST_ID, "web_id": 123456, "name": "Acme Coffee News", "member_count": 1204, "unsubscribe_count": 31,
        "campaign_count": 18, "last_sub_date": "2026-12-05T16:20:00+00:00", "double_optin": False,
        "date_created": "2026-01-15T10:00:00+00:00", "subscribe_url_short": "http://eepurl.com/abc123"}
    assert first.ret["next_cursor"] == "2" and first.summary == "Listed 2 of 3 audiences"
    second = await run_action(action, {"limit": 2, "cursor": "2", "email": "bob@example.com"}, auth=AUTH)
    assert_request(route.calls[1].request, "GET", "/lists", params={
        "sort_field": "date_created", "sort_dir": "DESC", "email": "bob@example.com", "count": "2", "offset": "2"})
    assert second.ret["next_cursor"] is None and [a["name"] for a in second.ret["lists"]] == ["Wholesale"]


async def test_the_data_center_comes_from_the_metadata_endpoint_once(catalog, respx_mock):
    token = "a1b2c3-no-dc-on-the-account"
    meta = respx_mock.get(METADATA).mock(return_value=httpx.Response(200, json=_metadata()))
    lists = respx_mock.get(f"{API}/lists").mock(return_value=httpx.Response(200, json={"lists": [], "total_items": 0}))
    action = catalog.action("mailchimp-list-audiences")
    for _ in range(2):
        result = await run_action(action, {}, auth={"oauth_access_token": token})
        assert result.error is None, result.error
    assert meta.call_count == 1 and lists.call_count == 2
    assert meta.calls.last.request.headers["authorization"] == f"OAuth {token}"
    assert lists.calls.last.request.headers["authorization"] == f"Bearer {token}"


async def test_audience_options_page_by_offset(catalog, respx_mock):
    route = respx_mock.get(f"{API}/lists").mock(side_effect=[
        httpx.Response(200, json={"lists": [{"id": LIST_ID, "name": "Acme Coffee News"}], "total_items": 2}),
        httpx.Response(200, json={"lists": [{"id": "b2", "name": "VIPs"}], "total_items": 2}),
    ])
    action = catalog.action("mailchimp-get-member")
    first = await fetch_options(action, "listId", {}, auth=AUTH)
    assert first["options"] == [{"label": "Acme Coffee News", "value": LIST_ID}] and first["context"] == {"offset": 1}
    second = await fetch_options(action, "listId", {}, auth=AUTH, page=1, prev_context=first["context"])
    assert second["options"] == [{"label": "VIPs", "value": "b2"}] and second["context"] is None
    assert_request(route.calls[1].request, "GET", "/lists",
                   params={"fields": "lists.id,lists.name,total_items", "count": "100", "offset": "1"})


async def test_member_options_need_the_audience_and_list_its_contacts(catalog, respx_mock):
    action = catalog.action("mailchimp-tag-member")
    route = respx_mock.get(f"{API}/lists/{LIST_ID}/members").mock(return_value=httpx.Response(200, json={
        "members": [{"email_address": "bob@example.com", "full_name": "Bob Smith"},
                    {"email_address": "eve@example.com", "full_name": ""}], "total_items": 2}))
    found = await fetch_options(action, "email", {"listId": LIST_ID}, auth=AUTH)
    assert found["options"] == [{"label": "Bob Smith <bob@example.com>", "value": "bob@example.com"},
                                {"label": "eve@example.com", "value": "eve@example.com"}]
    assert_request(route.calls.last.request, "GET", f"/lists/{LIST_ID}/members", params={
        "fields": "members.email_address,members.full_name,total_items", "count": "100", "offset": "0"})


async def test_add_or_update_member_puts_by_the_address_hash(catalog, respx_mock):
    route = respx_mock.put(f"{API}/lists/{LIST_ID}/members/{BOB}").mock(return_value=httpx.Response(200, json=_member()))
    result = await run_action(catalog.action("mailchimp-add-or-update-member"), {
        "listId": LIST_ID, "email": EMAIL, "mergeFields": {"FNAME": "Bob", "LNAME": "Smith"}, "language": "en",
        "vip": False}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "PUT", f"/lists/{LIST_ID}/members/{BOB}", body={
        "email_address": EMAIL, "status_if_new": "subscribed", "merge_fields": {"FNAME": "Bob", "LNAME": "Smith"},
        "language": "en", "vip": False})
    assert result.ret == _member_summary() and result.summary == "Saved bob@example.com as subscribed"


async def test_get_member_and_its_full_response(catalog, respx_mock):
    route = respx_mock.get(f"{API}/lists/{LIST_ID}/members/{BOB}").mock(return_value=httpx.Response(200, json=_member()))
    action = catalog.action("mailchimp-get-member")
    result = await run_action(action, {"listId": LIST_ID, "email": EMAIL}, auth=AUTH)
    assert_request(route.calls.last.request, "GET", f"/lists/{LIST_ID}/members/{BOB}")
    assert result.ret == _member_summary() and result.summary == "bob@example.com is subscribed"
    whole = await run_action(action, {"listId": LIST_ID, "email": BOB, "fullResponse": True}, auth=AUTH)
    assert whole.ret == _member()


async def test_search_members_returns_exact_and_broad_matches(catalog, respx_mock):
    route = respx_mock.get(f"{API}/search-members").mock(return_value=httpx.Response(200, json={
        "exact_matches": {"members": [_member()], "total_items": 1},
        "full_search": {"members": [], "total_items": 0}}))
    result = await run_action(catalog.action("mailchimp-search-members"), {"query": "bob@example.com", "listId": LIST_ID},
                              auth=AUTH)
    assert_request(route.calls.last.request, "GET", "/search-members", params={"query": "bob@example.com", "list_id": LIST_ID})
    assert result.ret == {"exact_matches": [_member_summary()], "full_search": []}
    assert result.summary == "Found 1 exact and 0 other matches for 'bob@example.com'"


async def test_archive_member(catalog, respx_mock):
    route = respx_mock.delete(f"{API}/lists/{LIST_ID}/members/{BOB}").mock(return_value=httpx.Response(204))
    result = await run_action(catalog.action("mailchimp-archive-member"), {"listId": LIST_ID, "email": EMAIL}, auth=AUTH)
    assert_request(route.calls.last.request, "DELETE", f"/lists/{LIST_ID}/members/{BOB}")
    assert result.ret == {"list_id": LIST_ID, "email": EMAIL, "id": BOB, "archived": True}


async def test_tag_member_adds_and_removes(catalog, respx_mock):
    route = respx_mock.post(f"{API}/lists/{LIST_ID}/members/{BOB}/tags").mock(return_value=httpx.Response(204))
    result = await run_action(catalog.action("mailchimp-tag-member"), {
        "listId": LIST_ID, "email": EMAIL, "addTags": ["customer", " "], "removeTags": ["trial"], "isSyncing": True}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "POST", f"/lists/{LIST_ID}/members/{BOB}/tags", body={
        "tags": [{"name": "customer", "status": "active"}, {"name": "trial", "status": "inactive"}], "is_syncing": True})
    assert result.summary == f"Tagged {EMAIL}: 1 added, 1 removed"
    nothing = await run_action(catalog.action("mailchimp-tag-member"), {"listId": LIST_ID, "email": EMAIL}, auth=AUTH)
    assert nothing.error == "name at least one tag in addTags or removeTags" and route.call_count == 1


async def test_list_campaigns_filters(catalog, respx_mock):
    route = respx_mock.get(f"{API}/campaigns").mock(return_value=httpx.Response(200, json={
        "campaigns": [_campaign(status="sent")], "total_items": 1}))
    result = await run_action(catalog.action("mailchimp-list-campaigns"), {
        "status": "sent", "listId": LIST_ID, "sinceSendTime": "2026-11-01T00:00:00Z", "limit": 10}, auth=AUTH)
    assert_request(route.calls.last.request, "GET", "/campaigns", params={
        "sort_field": "create_time", "sort_dir": "DESC", "status": "sent", "list_id": LIST_ID,
        "since_send_time": "2026-11-01T00:00:00Z", "count": "10", "offset": "0"})
    assert result.ret["campaigns"] == [{
        "id": CAMPAIGN_ID, "web_id": 998877, "type": "regular", "status": "sent", "title": "December news",
        "subject_line": "Our December news", "from_name": "Acme Coffee", "reply_to": "news@acme.example",
        "list_id": LIST_ID, "list_name": "Acme Coffee News", "recipient_count": 1204, "emails_sent": 0,
        "create_time": "2026-12-06T10:00:00+00:00", "send_time": None, "archive_url": "http://eepurl.com/xyz"}]
    assert result.ret["next_cursor"] is None


async def test_campaign_options_show_title_and_status(catalog, respx_mock):
    respx_mock.get(f"{API}/campaigns").mock(return_value=httpx.Response(200, json={
        "campaigns": [{"id": CAMPAIGN_ID, "status": "save", "settings": {"title": "December news"}}], "total_items": 1}))
    found = await fetch_options(catalog.action("mailchimp-send-campaign"), "campaignId", {}, auth=AUTH)
    assert found["options"] == [{"label": "December news (save)", "value": CAMPAIGN_ID}] and found["context"] is None


async def test_create_campaign_then_set_its_content(catalog, respx_mock):
    created = respx_mock.post(f"{API}/campaigns").mock(return_value=httpx.Response(200, json=_campaign()))
    result = await run_action(catalog.action("mailchimp-create-campaign"), {
        "listId": LIST_ID, "subjectLine": "Our December news", "fromName": "Acme Coffee", "replyTo": "news@acme.example",
        "title": "December news", "previewText": "Beans of the month", "savedSegmentId": 49381}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(created.calls.last.request, "POST", "/campaigns", body={
        "type": "regular", "recipients": {"list_id": LIST_ID, "segment_opts": {"saved_segment_id": 49381}},
        "settings": {"subject_line": "Our December news", "from_name": "Acme Coffee", "reply_to": "news@acme.example",
                     "title": "December news", "preview_text": "Beans of the month"}})
    assert result.ret["id"] == CAMPAIGN_ID and result.ret["status"] == "save"

    content = respx_mock.put(f"{API}/campaigns/{CAMPAIGN_ID}/content").mock(return_value=httpx.Response(200, json={
        "plain_text": "Hello", "html": "<p>Hello</p>", "archive_html": "<html><p>Hello</p></html>", "_links": []}))
    result = await run_action(catalog.action("mailchimp-set-campaign-content"),
                              {"campaignId": CAMPAIGN_ID, "templateId": 2000094, "templateSections": {"body": "<p>Hello</p>"}},
                              auth=AUTH)
    assert_request(content.calls.last.request, "PUT", f"/campaigns/{CAMPAIGN_ID}/content",
                   body={"template": {"id": 2000094, "sections": {"body": "<p>Hello</p>"}}})
    assert result.ret == {"plain_text": "Hello", "html_characters": 12}
    both = await run_action(catalog.action("mailchimp-set-campaign-content"),
                            {"campaignId": CAMPAIGN_ID, "html": "<p>x</p>", "url": "https://example.com"}, auth=AUTH)
    assert both.error == "give one of html, url or templateId, not html and url" and content.call_count == 1


async def test_send_and_schedule_campaign(catalog, respx_mock):
    sent = respx_mock.post(f"{API}/campaigns/{CAMPAIGN_ID}/actions/send").mock(return_value=httpx.Response(204))
    result = await run_action(catalog.action("mailchimp-send-campaign"), {"campaignId": CAMPAIGN_ID}, auth=AUTH)
    assert_request(sent.calls.last.request, "POST", f"/campaigns/{CAMPAIGN_ID}/actions/send")
    assert result.ret == {"campaign_id": CAMPAIGN_ID, "sent": True}

    scheduled = respx_mock.post(f"{API}/campaigns/{CAMPAIGN_ID}/actions/schedule").mock(return_value=httpx.Response(204))
    action = catalog.action("mailchimp-schedule-campaign")
    result = await run_action(action, {"campaignId": CAMPAIGN_ID, "scheduleTime": "2026-12-24T09:15:00Z", "timewarp": False},
                              auth=AUTH)
    assert_request(scheduled.calls.last.request, "POST", f"/campaigns/{CAMPAIGN_ID}/actions/schedule",
                   body={"schedule_time": "2026-12-24T09:15:00Z", "timewarp": False})
    assert result.summary == f"Scheduled campaign {CAMPAIGN_ID} for 2026-12-24T09:15:00Z"
    off = await run_action(action, {"campaignId": CAMPAIGN_ID, "scheduleTime": "2026-12-24T09:10:00Z"}, auth=AUTH)
    assert "quarter hour" in off.error and scheduled.call_count == 1


async def test_get_campaign_report(catalog, respx_mock):
    report = {"id": CAMPAIGN_ID, "campaign_title": "December news", "type": "regular", "list_id": LIST_ID,
              "list_is_active": True, "list_name": "Acme Coffee News", "subject_line": "Our December news",
              "preview_text": "Beans of the month", "emails_sent": 1200, "abuse_reports": 0, "unsubscribed": 3,
              "send_time": "2026-12-07T09:00:00+00:00",
              "bounces": {"hard_bounces": 2, "soft_bounces": 5, "syntax_errors": 0},
              "forwards": {"forwards_count": 0, "forwards_opens": 0},
              "opens": {"opens_total": 800, "unique_opens": 500, "open_rate": 0.4187, "last_open": "2026-12-07T12:00:00+00:00"},
              "clicks": {"clicks_total": 120, "unique_clicks": 90, "unique_subscriber_clicks": 80, "click_rate": 0.067,
                         "last_click": "2026-12-07T12:00:00+00:00"},
              "list_stats": {"sub_rate": 1, "unsub_rate": 0.2, "open_rate": 40.1, "click_rate": 6.1},
              "delivery_status": {"enabled": False}}
    route = respx_mock.get(f"{API}/reports/{CAMPAIGN_ID}").mock(return_value=httpx.Response(200, json=report))
    result = await run_action(catalog.action("mailchimp-get-campaign-report"), {"campaignId": CAMPAIGN_ID}, auth=AUTH)
    assert_request(route.calls.last.request, "GET", f"/reports/{CAMPAIGN_ID}")
    assert result.ret["unique_opens"] == 500 and result.ret["unique_clicks"] == 80 and result.ret["hard_bounces"] == 2
    assert "list_stats" not in result.ret and result.summary == "Campaign December news: 1200 sent, 41.9% opened"


async def test_vendor_errors_say_what_to_do(catalog, respx_mock):
    respx_mock.put(f"{API}/lists/{LIST_ID}/members/{BOB}").mock(return_value=httpx.Response(400, json={
        "type": "https://mailchimp.com/developer/marketing/docs/errors/", "title": "Member In Compliance State",
        "status": 400, "detail": "bob@example.com is already a list member in compliance state due to unsubscribe, "
        "bounce, or compliance review.", "instance": "2b4e3a2f-0c1b-4f8a-9e5d-1a2b3c4d5e6f"}))
    result = await run_action(catalog.action("mailchimp-add-or-update-member"),
                              {"listId": LIST_ID, "email": EMAIL, "status": "subscribed"}, auth=AUTH)
    assert "Member In Compliance State" in result.error and "status `pending`" in result.error

    respx_mock.get(f"{API}/reports/{CAMPAIGN_ID}").mock(return_value=httpx.Response(429, headers={"Retry-After": "7"}, json={
        "type": "https://mailchimp.com/developer/marketing/docs/errors/", "title": "Too Many Requests", "status": 429,
        "detail": "You have exceeded the limit of 10 simultaneous connections.", "instance": "x"}))
    result = await run_action(catalog.action("mailchimp-get-campaign-report"), {"campaignId": CAMPAIGN_ID}, auth=AUTH)
    assert "rate limited by Mailchimp" in result.error and "retry after 7 s" in result.error


async def test_the_account_test_names_the_account_and_learns_its_data_center(catalog, respx_mock):
    token = "d4e5f6-account-test-token"
    meta = respx_mock.get(METADATA).mock(return_value=httpx.Response(200, json=_metadata("us6")))
    app = catalog.apps["mailchimp"]
    assert await run_test(app, {"oauth_access_token": token}) == Identity(name="Acme Coffee", external_id="8675309")
    lists = respx_mock.get("https://us6.api.mailchimp.com/3.0/lists").mock(
        return_value=httpx.Response(200, json={"lists": [], "total_items": 0}))
    result = await run_action(catalog.action("mailchimp-list-audiences"), {}, auth={"oauth_access_token": token})
    assert result.error is None, result.error
    assert lists.call_count == 1 and meta.call_count == 1
