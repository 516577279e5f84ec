"""HubSpot calls, emails, meetings and the activities on a record at the HTTP boundary, with answers shaped like
https://developers.hubspot.com/docs/api-reference."""

import json

import httpx

from mcp_gateway.runtime.engine import run_action
from tests.apps.test_hubspot import API, AUTH, assert_request


def _activity(activity_id, **properties):
    return {"id": activity_id, "properties": {"hs_createdate": "2025-05-01T15:00:01.000Z", **properties},
            "createdAt": "2025-05-01T15:00:01.000Z", "updatedAt": "2025-05-01T15:00:01.000Z", "archived": False}


def _to(object_id, type_id):
    return {"to": {"id": object_id}, "types": [{"associationCategory": "HUBSPOT_DEFINED", "associationTypeId": type_id}]}


async def test_log_call_on_a_contact_and_a_ticket(catalog, respx_mock):
    route = respx_mock.post(f"{API}/crm/v3/objects/calls").mock(return_value=httpx.Response(201, json=_activity(
        "66001", hs_call_title="Renewal check-in", hs_call_status="COMPLETED", hs_timestamp="2025-05-01T15:00:00.000Z")))
    result = await run_action(catalog.action("hubspot-create-call"), {
        "title": "Renewal check-in", "body": "Ada wants 10 more seats", "timestamp": "2025-05-01T15:00:00Z",
        "direction": "OUTBOUND", "durationSeconds": 300, "toNumber": "+44 20 7946 0000", "owner": "41629779",
        "contactIds": ["512"], "ticketIds": ["880123"],
    }, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "POST", f"{API}/crm/v3/objects/calls", body={
        "properties": {"hs_timestamp": "2025-05-01T15:00:00.000Z", "hs_call_status": "COMPLETED",
                       "hs_call_title": "Renewal check-in", "hs_call_body": "Ada wants 10 more seats",
                       "hs_call_direction": "OUTBOUND", "hs_call_to_number": "+44 20 7946 0000",
                       "hs_call_duration": "300000", "hubspot_owner_id": "41629779"},
        "associations": [_to("512", 194), _to("880123", 220)],
    })
    assert result.ret["linkedTo"] == [{"type": "contacts", "id": "512"}, {"type": "tickets", "id": "880123"}]
    assert result.summary == "Logged call 66001 on contact 512, ticket 880123"
    empty = await run_action(catalog.action("hubspot-create-call"), {"contactIds": ["512"]}, auth=AUTH)
    assert "title or notes" in empty.error


async def test_log_email_with_its_headers(catalog, respx_mock):
    route = respx_mock.post(f"{API}/crm/v3/objects/emails").mock(return_value=httpx.Response(201, json=_activity(
        "67001", hs_email_subject="Your quote", hs_email_direction="INCOMING_EMAIL")))
    result = await run_action(catalog.action("hubspot-create-email"), {
        "subject": "Your quote", "text": "Thanks, looks good.", "direction": "incoming", "fromEmail": "ada@example.com",
        "to": ["sam@example.com"], "timestamp": "2025-05-01T15:00:00Z", "contactIds": ["512"], "dealIds": ["1467822235"],
    }, auth=AUTH)
    assert result.error is None, result.error
    sent = json.loads(route.calls.last.request.content)
    assert sent["properties"] == {
        "hs_timestamp": "2025-05-01T15:00:00.000Z", "hs_email_direction": "INCOMING_EMAIL", "hs_email_status": "SENT",
        "hs_email_subject": "Your quote", "hs_email_text": "Thanks, looks good.",
        "hs_email_headers": json.dumps({"from": {"email": "ada@example.com"}, "to": [{"email": "sam@example.com"}]}),
    }
    assert sent["associations"] == [_to("512", 198), _to("1467822235", 210)]
    assert result.summary == "Logged email 67001 (Your quote) on contact 512, deal 1467822235"


async def test_log_meeting(catalog, respx_mock):
    route = respx_mock.post(f"{API}/crm/v3/objects/meetings").mock(return_value=httpx.Response(201, json=_activity(
        "68001", hs_meeting_title="Quarterly review", hs_meeting_outcome="SCHEDULED")))
    result = await run_action(catalog.action("hubspot-create-meeting"), {
        "title": "Quarterly review", "startTime": "2025-05-02T14:00:00Z", "endTime": "2025-05-02T15:00:00Z",
        "location": "Zoom", "meetingUrl": "https://zoom.us/j/123", "outcome": "SCHEDULED", "companyIds": ["9001"],
    }, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "POST", f"{API}/crm/v3/objects/meetings", body={
        "properties": {"hs_timestamp": "2025-05-02T14:00:00.000Z", "hs_meeting_title": "Quarterly review",
                       "hs_meeting_start_time": "2025-05-02T14:00:00.000Z", "hs_meeting_end_time": "2025-05-02T15:00:00.000Z",
                       "hs_meeting_location": "Zoom", "hs_meeting_external_url": "https://zoom.us/j/123",
                       "hs_meeting_outcome": "SCHEDULED"},
        "associations": [_to("9001", 188)],
    })
    assert result.summary == "Logged meeting 68001 (Quarterly review) at 2025-05-02T14:00:00.000Z with company 9001"


async def test_create_note_on_a_ticket(catalog, respx_mock):
    route = respx_mock.post(f"{API}/crm/v3/objects/notes").mock(return_value=httpx.Response(201, json=_activity("44446")))
    result = await run_action(catalog.action("hubspot-create-note"), {"body": "Sent a replacement", "ticketIds": ["880123"],
                                                                       "timestamp": "2025-05-01"}, auth=AUTH)
    assert result.error is None, result.error
    assert json.loads(route.calls.last.request.content)["associations"] == [_to("880123", 228)]
    assert result.summary == "Logged note 44446 on ticket 880123"


async def test_list_activities_reads_the_linked_calls_newest_first(catalog, respx_mock):
    links = respx_mock.get(f"{API}/crm/v4/objects/contacts/512/associations/calls").mock(return_value=httpx.Response(200, json={
        "results": [{"toObjectId": 66001, "associationTypes": [{"category": "HUBSPOT_DEFINED", "typeId": 193, "label": None}]},
                    {"toObjectId": 66002, "associationTypes": [{"category": "HUBSPOT_DEFINED", "typeId": 193, "label": None}]}],
        "paging": {"next": {"after": "NjYwMDI%3D", "link": "?after=NjYwMDI%3D"}}}))
    read = respx_mock.post(f"{API}/crm/v3/objects/calls/batch/read").mock(return_value=httpx.Response(200, json={
        "status": "COMPLETE",
        "results": [_activity("66001", hs_call_title="First", hs_timestamp="2025-04-01T10:00:00.000Z"),
                    _activity("66002", hs_call_title="Second", hs_timestamp="2025-05-01T10:00:00.000Z")],
        "startedAt": "2025-05-02T08:00:00.120Z", "completedAt": "2025-05-02T08:00:00.180Z"}))
    result = await run_action(catalog.action("hubspot-list-activities"), {
        "objectType": "contacts", "objectId": "512", "activityType": "calls", "limit": 2}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(links.calls.last.request, "GET", f"{API}/crm/v4/objects/contacts/512/associations/calls", params={"limit": "2"})
    assert_request(read.calls.last.request, "POST", f"{API}/crm/v3/objects/calls/batch/read", body={
        "inputs": [{"id": "66001"}, {"id": "66002"}],
        "properties": ["hs_timestamp", "hs_call_title", "hs_call_body", "hs_call_direction", "hs_call_status",
                       "hs_call_duration", "hubspot_owner_id"]})
    assert [a["properties"]["hs_call_title"] for a in result.ret["activities"]] == ["Second", "First"]
    assert result.ret["next_cursor"] == "NjYwMDI%3D"
    assert result.summary == "Found 2 calls on contact 512 (more available)"


async def test_list_activities_with_none_logged_reads_nothing_more(catalog, respx_mock):
    respx_mock.get(f"{API}/crm/v4/objects/deals/1467822235/associations/meetings").mock(
        return_value=httpx.Response(200, json={"results": []}))
    result = await run_action(catalog.action("hubspot-list-activities"), {
        "objectType": "deals", "objectId": "1467822235", "activityType": "meetings", "cursor": "MTA%3D"}, auth=AUTH)
    assert result.error is None, result.error
    assert dict(respx_mock.calls.last.request.url.params) == {"limit": "25", "after": "MTA%3D"}
    assert result.ret == {"activities": [], "next_cursor": None}
    assert respx_mock.calls.call_count == 1
    assert result.summary == "Found 0 meetings on deal 1467822235"
