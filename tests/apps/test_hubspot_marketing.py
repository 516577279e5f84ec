"""HubSpot lists, list memberships, forms and marketing emails at the HTTP boundary, with answers shaped like
https://developers.hubspot.com/docs/api-reference."""

import httpx

from mcp_gateway.runtime.engine import fetch_options, run_action
from tests.apps.test_hubspot import API, AUTH, assert_request


def _list(list_id, name, processing="MANUAL", size="59"):
    return {"listId": list_id, "listVersion": 1, "name": name, "objectTypeId": "0-1", "processingStatus": "COMPLETE",
            "processingType": processing, "createdAt": "2023-09-28T22:03:17.998Z", "createdById": "1",
            "filtersUpdatedAt": "2023-09-28T22:03:17.998Z", "updatedAt": "2023-09-28T22:03:37.005Z", "updatedById": "1",
            "additionalProperties": {"hs_list_size": size, "hs_last_record_added_at": "1695938616824"}}


async def test_search_lists_cursor_round_trip(catalog, respx_mock):
    route = respx_mock.post(f"{API}/crm/v3/lists/search").mock(side_effect=[
        httpx.Response(200, json={"hasMore": True, "lists": [_list("123", "Webinar attendees")], "offset": 1, "total": 2}),
        httpx.Response(200, json={"hasMore": False, "lists": [_list("124", "Webinar no-shows", "DYNAMIC", "7")],
                                  "offset": 2, "total": 2}),
    ])
    action = catalog.action("hubspot-search-lists")
    first = await run_action(action, {"query": "webinar", "limit": 1}, auth=AUTH)
    assert first.error is None, first.error
    assert_request(route.calls[0].request, "POST", f"{API}/crm/v3/lists/search", body={
        "query": "webinar", "count": 1, "offset": 0, "additionalProperties": ["hs_list_size"]})
    assert first.ret["lists"] == [{"listId": "123", "name": "Webinar attendees", "objectTypeId": "0-1",
                                   "processingType": "MANUAL", "createdAt": "2023-09-28T22:03:17.998Z",
                                   "updatedAt": "2023-09-28T22:03:37.005Z", "size": "59"}]
    assert first.ret["next_cursor"] == "1" and first.summary == "Found 2 lists, returned 1"
    second = await run_action(action, {"query": "webinar", "limit": 1, "cursor": "1", "processingTypes": ["dynamic"]}, auth=AUTH)
    assert_request(route.calls[1].request, "POST", f"{API}/crm/v3/lists/search", body={
        "query": "webinar", "count": 1, "offset": 1, "additionalProperties": ["hs_list_size"], "processingTypes": ["DYNAMIC"]})
    assert second.ret["next_cursor"] is None
    bad = await run_action(action, {"processingTypes": ["STATIC"]}, auth=AUTH)
    assert "use MANUAL, SNAPSHOT or DYNAMIC" in bad.error


async def test_list_options_offer_the_static_lists(catalog, respx_mock):
    route = respx_mock.post(f"{API}/crm/v3/lists/search").mock(return_value=httpx.Response(200, json={
        "hasMore": False, "lists": [_list("123", "Webinar attendees")], "offset": 1, "total": 1}))
    options = await fetch_options(catalog.action("hubspot-add-records-to-list"), "listId", {}, auth=AUTH, query="web")
    assert options["options"] == [{"label": "Webinar attendees (123)", "value": "123"}] and options["context"] is None
    assert_request(route.calls.last.request, "POST", f"{API}/crm/v3/lists/search", body={
        "query": "web", "count": 100, "offset": 0, "processingTypes": ["MANUAL", "SNAPSHOT"]})


async def test_get_list_memberships_pages(catalog, respx_mock):
    route = respx_mock.get(f"{API}/crm/v3/lists/123/memberships").mock(return_value=httpx.Response(200, json={
        "results": [{"recordId": "512", "membershipTimestamp": "2023-09-28T22:03:17.998Z"}],
        "paging": {"next": {"after": "NTEy", "link": "?after=NTEy"}}, "total": 59}))
    result = await run_action(catalog.action("hubspot-get-list-memberships"), {"listId": "123", "limit": 1, "cursor": "NTEx"}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "GET", f"{API}/crm/v3/lists/123/memberships", params={"limit": "1", "after": "NTEx"})
    assert result.ret["members"] == [{"recordId": "512", "addedAt": "2023-09-28T22:03:17.998Z"}]
    assert result.ret["total"] == 59 and result.ret["next_cursor"] == "NTEy"
    assert result.summary == "Listed 1 member of list 123 (more available)"


async def test_add_and_remove_records(catalog, respx_mock):
    add = respx_mock.put(f"{API}/crm/v3/lists/123/memberships/add").mock(return_value=httpx.Response(200, json={
        "recordIdsMissing": ["999"], "recordIdsRemoved": [], "recordsIdsAdded": ["512"]}))
    result = await run_action(catalog.action("hubspot-add-records-to-list"), {"listId": "123", "recordIds": ["512", "999", "512"]}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(add.calls.last.request, "PUT", f"{API}/crm/v3/lists/123/memberships/add", body=["512", "999"])
    assert result.ret == {"added": ["512"], "removed": [], "missing": ["999"]}
    assert result.summary == "Added 1 of 2 records to list 123"
    remove = respx_mock.put(f"{API}/crm/v3/lists/123/memberships/remove").mock(return_value=httpx.Response(200, json={
        "recordIdsMissing": [], "recordIdsRemoved": ["512"], "recordsIdsAdded": []}))
    result = await run_action(catalog.action("hubspot-remove-records-from-list"), {"listId": "123", "recordIds": ["512"]}, auth=AUTH)
    assert_request(remove.calls.last.request, "PUT", f"{API}/crm/v3/lists/123/memberships/remove", body=["512"])
    assert result.summary == "Removed 1 of 1 records from list 123"
    empty = await run_action(catalog.action("hubspot-add-records-to-list"), {"listId": "123", "recordIds": []}, auth=AUTH)
    assert "at least one record ID" in empty.error


def _form(form_id, name):
    return {"id": form_id, "name": name, "formType": "hubspot", "createdAt": "2024-02-01T10:00:00Z",
            "updatedAt": "2024-02-02T10:00:00Z", "archived": False,
            "fieldGroups": [{"groupType": "default_group", "richTextType": "text", "fields": [
                {"objectTypeId": "0-1", "name": "email", "label": "Email", "required": True, "hidden": False,
                 "fieldType": "email", "validation": {"blockedEmailDomains": [], "useDefaultBlockList": False}},
                {"objectTypeId": "0-1", "name": "firstname", "label": "First name", "required": False, "hidden": False,
                 "fieldType": "single_line_text"}]}],
            "configuration": {"language": "en", "cloneable": True}, "displayOptions": {"renderRawHtml": False},
            "legalConsentOptions": {"type": "none"}}


async def test_list_forms(catalog, respx_mock):
    route = respx_mock.get(f"{API}/marketing/v3/forms").mock(return_value=httpx.Response(200, json={
        "results": [_form("5a8e3e04-7c4a-4c26-8c91-1d7c8f1e6f0a", "Newsletter signup")],
        "paging": {"next": {"after": "Mg%3D%3D", "link": "?after=Mg%3D%3D"}}}))
    result = await run_action(catalog.action("hubspot-list-forms"), {"limit": 1, "formTypes": ["hubspot", "captured"]}, auth=AUTH)
    assert result.error is None, result.error
    request = route.calls.last.request
    assert_request(request, "GET", f"{API}/marketing/v3/forms",
                   params={"limit": "1", "archived": "false", "formTypes": "captured"})
    assert request.url.params.get_list("formTypes") == ["hubspot", "captured"]
    assert result.ret["forms"] == [{
        "id": "5a8e3e04-7c4a-4c26-8c91-1d7c8f1e6f0a", "name": "Newsletter signup", "formType": "hubspot",
        "fields": [{"name": "email", "label": "Email", "fieldType": "email", "required": True},
                   {"name": "firstname", "label": "First name", "fieldType": "single_line_text", "required": False}],
        "createdAt": "2024-02-01T10:00:00Z", "updatedAt": "2024-02-02T10:00:00Z"}]
    assert result.ret["next_cursor"] == "Mg%3D%3D" and result.summary == "Listed 1 form (more available)"


async def test_list_marketing_emails_with_stats(catalog, respx_mock):
    route = respx_mock.get(f"{API}/marketing/v3/emails").mock(return_value=httpx.Response(200, json={
        "total": 1, "results": [{
            "id": "167483569561", "name": "May newsletter", "subject": "What's new in May", "state": "PUBLISHED",
            "type": "BATCH_EMAIL", "isPublished": True, "publishDate": "2025-05-01T09:00:00Z", "campaign": "c-123",
            "createdAt": "2025-04-20T09:00:00Z", "updatedAt": "2025-05-01T09:00:00Z", "archived": False,
            "from": {"fromName": "Acme", "replyTo": "news@example.com"}, "content": {"widgets": {}},
            "stats": {"counters": {"sent": 1200, "delivered": 1180, "open": 540, "click": 85, "bounce": 20},
                      "ratios": {"openratio": 45.8}}}]}))
    result = await run_action(catalog.action("hubspot-list-marketing-emails"), {"includeStats": True, "isPublished": True}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "GET", f"{API}/marketing/v3/emails", params={
        "limit": "25", "sort": "-updatedAt", "includeStats": "true", "isPublished": "true"})
    email = result.ret["emails"][0]
    assert email["subject"] == "What's new in May" and email["stats"] == {"sent": 1200, "delivered": 1180, "open": 540,
                                                                        "click": 85, "bounce": 20}
    assert "content" not in email and result.ret["next_cursor"] is None
    assert result.summary == "Listed 1 marketing email"
