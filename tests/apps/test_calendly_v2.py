import json

import httpx

from mcp_gateway.runtime.engine import fetch_options, run_action

API = "https://api.calendly.com"
AUTH = {"oauth_access_token": "calendly-token-1"}
USER = f"{API}/users/AAAAAAAAAAAAAAAA"
ORG = f"{API}/organizations/BBBBBBBBBBBBBBBB"
EVENT_TYPE = f"{API}/event_types/CCCCCCCCCCCCCCCC"
EVENT_UUID = "GBGBDCAADAEDCRZ2"
EVENT = f"{API}/scheduled_events/{EVENT_UUID}"


def _user():
    return {"uri": USER, "name": "John Doe", "slug": "acmesales", "email": "test@example.com",
            "scheduling_url": "https://calendly.com/acmesales", "timezone": "America/New York",
            "avatar_url": "https://01234567890.cloudfront.net/uploads/user/avatar/0123456/a1b2c3d4.png",
            "created_at": "2019-01-02T03:04:05.678123Z", "updated_at": "2019-08-07T06:05:04.321123Z",
            "current_organization": ORG}


def _event_type(uri=EVENT_TYPE, name="15 Minute Meeting"):
    return {"uri": uri, "name": name, "active": True, "booking_method": "instant", "slug": "acmesales",
            "scheduling_url": "https://calendly.com/acmesales", "duration": 30, "kind": "solo", "pooling_type": None,
            "type": "StandardEventType", "color": "#fff200", "created_at": "2019-01-02T03:04:05.092123Z",
            "updated_at": "2019-08-07T06:05:04.321123Z", "internal_note": "Internal note",
            "description_plain": "15 Minute Meeting", "description_html": "<p>15 Minute Meeting</p>",
            "profile": {"type": "User", "name": "Tamara Jones", "owner": USER}, "secret": True}


def _event(uri=EVENT, name="15 Minute Meeting"):
    return {"uri": uri, "name": name, "meeting_notes_plain": "Internal meeting notes", "status": "active",
            "start_time": "2026-12-10T14:00:00.000000Z", "end_time": "2026-12-10T14:15:00.000000Z",
            "event_type": EVENT_TYPE, "location": {"type": "zoom", "join_url": "https://zoom.us/j/123", "status": "pushed"},
            "invitees_counter": {"total": 1, "active": 1, "limit": 1},
            "created_at": "2026-12-01T09:00:00.000000Z", "updated_at": "2026-12-01T09:00:00.000000Z",
            "event_memberships": [{"user": USER, "user_email": "test@example.com", "user_name": "John Doe"}],
            "event_guests": []}


def _event_summary(event):
    return {"uri": event["uri"], "name": event["name"], "status": "active", "start_time": event["start_time"],
            "end_time": event["end_time"], "event_type": EVENT_TYPE,
            "location": {"type": "zoom", "join_url": "https://zoom.us/j/123"}, "invitees": 1,
            "hosts": ["test@example.com"], "cancellation": None}


def _pagination(next_token=None):
    return {"count": 1, "next_page": f"{API}/scheduled_events?count=1&page_token={next_token}" if next_token else None,
            "previous_page": None, "next_page_token": next_token, "previous_page_token": None}


def assert_request(request, method, path, *, params=None, body=None):
    assert request.method == method
    assert str(request.url.copy_with(query=None)) == f"{API}{path}"
    assert dict(request.url.params) == (params or {})
    assert request.headers["authorization"] == "Bearer calendly-token-1"
    if body is None:
        assert request.content == b""
    else:
        assert json.loads(request.content) == body


async def test_get_current_user_is_trimmed(catalog, respx_mock):
    route = respx_mock.get(f"{API}/users/me").mock(return_value=httpx.Response(200, json={"resource": _user()}))
    result = await run_action(catalog.action("calendly_v2-get-current-user"), {}, auth=AUTH)
    assert_request(route.calls.last.request, "GET", "/users/me")
    assert result.ret == {"uri": USER, "name": "John Doe", "email": "test@example.com", "slug": "acmesales",
                          "scheduling_url": "https://calendly.com/acmesales", "timezone": "America/New York",
                          "current_organization": ORG}
    assert result.summary == "Connected as John Doe <test@example.com>"


async def test_list_event_types_defaults_to_the_connected_user(catalog, respx_mock):
    respx_mock.get(f"{API}/users/me").mock(return_value=httpx.Response(200, json={"resource": _user()}))
    route = respx_mock.get(f"{API}/event_types").mock(return_value=httpx.Response(200, json={
        "collection": [_event_type()], "pagination": _pagination()}))
    result = await run_action(catalog.action("calendly_v2-list-event-types"), {"active": True}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "GET", "/event_types", params={"user": USER, "active": "true", "count": "25"})
    assert result.ret == {"event_types": [{"uri": EVENT_TYPE, "name": "15 Minute Meeting", "active": True, "duration": 30,
                                           "kind": "solo", "pooling_type": None, "scheduling_url": "https://calendly.com/acmesales",
                                           "description": "15 Minute Meeting"}], "next_cursor": None}


async def test_list_scheduled_events_pages_with_calendlys_token(catalog, respx_mock):
    route = respx_mock.get(f"{API}/scheduled_events").mock(side_effect=[
        httpx.Response(200, json={"collection": [_event()], "pagination": _pagination("tok2")}),
        httpx.Response(200, json={"collection": [_event(f"{API}/scheduled_events/X2", "Intro")], "pagination": _pagination("tok3")}),
    ])
    action = catalog.action("calendly_v2-list-scheduled-events")
    result = await run_action(action, {"organization": ORG, "status": "active", "minStartTime": "2026-12-01T00:00:00Z",
                                       "inviteeEmail": "bob@example.com", "limit": 2}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls[0].request, "GET", "/scheduled_events", params={
        "organization": ORG, "status": "active", "min_start_time": "2026-12-01T00:00:00Z",
        "invitee_email": "bob@example.com", "count": "2"})
    assert dict(route.calls[1].request.url.params)["page_token"] == "tok2"
    assert result.ret["events"][0] == _event_summary(_event()) and result.ret["next_cursor"] == "tok3"
    both = await run_action(action, {"user": USER, "organization": ORG}, auth=AUTH)
    assert both.error == "give a user or an organization, not both"


async def test_get_scheduled_event_by_uri_or_uuid_and_full_response(catalog, respx_mock):
    route = respx_mock.get(f"{API}/scheduled_events/{EVENT_UUID}").mock(return_value=httpx.Response(200, json={"resource": _event()}))
    action = catalog.action("calendly_v2-get-scheduled-event")
    result = await run_action(action, {"event": EVENT}, auth=AUTH)
    assert_request(route.calls.last.request, "GET", f"/scheduled_events/{EVENT_UUID}")
    assert result.ret == _event_summary(_event())
    whole = await run_action(action, {"event": EVENT_UUID, "fullResponse": True}, auth=AUTH)
    assert whole.ret == _event()


async def test_list_event_invitees_with_their_answers(catalog, respx_mock):
    invitee = {"uri": f"{EVENT}/invitees/INV1", "email": "bob@example.com", "first_name": None, "last_name": None,
               "name": "Bob", "status": "active", "questions_and_answers": [
                   {"question": "Anything to prepare?", "answer": "The Q4 numbers", "position": 0}],
               "timezone": "Europe/Berlin", "event": EVENT, "created_at": "2026-12-01T09:00:00.000000Z",
               "updated_at": "2026-12-01T09:00:00.000000Z", "tracking": {}, "text_reminder_number": None,
               "rescheduled": False, "old_invitee": None, "new_invitee": None,
               "cancel_url": "https://calendly.com/cancellations/INV1", "reschedule_url": "https://calendly.com/reschedulings/INV1",
               "routing_form_submission": None, "cancellation": None, "payment": None, "no_show": None,
               "reconfirmation": None}
    route = respx_mock.get(f"{API}/scheduled_events/{EVENT_UUID}/invitees").mock(return_value=httpx.Response(200, json={
        "collection": [invitee], "pagination": _pagination()}))
    result = await run_action(catalog.action("calendly_v2-list-event-invitees"), {"event": EVENT, "status": "active"}, auth=AUTH)
    assert_request(route.calls.last.request, "GET", f"/scheduled_events/{EVENT_UUID}/invitees", params={"status": "active", "count": "25"})
    assert result.ret["invitees"][0]["questions_and_answers"] == [{"question": "Anything to prepare?", "answer": "The Q4 numbers"}]
    assert result.ret["invitees"][0]["email"] == "bob@example.com" and result.summary == "Listed 1 invitee"


async def test_list_available_times(catalog, respx_mock):
    route = respx_mock.get(f"{API}/event_type_available_times").mock(return_value=httpx.Response(200, json={"collection": [
        {"status": "available", "invitees_remaining": 2, "start_time": "2026-12-08T09:00:00Z",
         "scheduling_url": "https://calendly.com/acmesales/discovery-call/2026-12-08T09:00:00Z?month=2026-12&date=2026-12-08"}]}))
    result = await run_action(catalog.action("calendly_v2-list-available-times"), {
        "eventType": "CCCCCCCCCCCCCCCC", "startTime": "2026-12-08T00:00:00Z", "endTime": "2026-12-15T00:00:00Z"}, auth=AUTH)
    assert_request(route.calls.last.request, "GET", "/event_type_available_times", params={
        "event_type": EVENT_TYPE, "start_time": "2026-12-08T00:00:00Z", "end_time": "2026-12-15T00:00:00Z"})
    assert result.ret["available_times"][0]["start_time"] == "2026-12-08T09:00:00Z" and result.summary == "Found 1 open time"


async def test_cancel_scheduled_event_with_a_reason(catalog, respx_mock):
    route = respx_mock.post(f"{API}/scheduled_events/{EVENT_UUID}/cancellation").mock(return_value=httpx.Response(201, json={
        "resource": {"canceled_by": "John Doe", "reason": "Double booked", "canceler_type": "host",
                     "created_at": "2026-12-07T10:00:00.000000Z"}}))
    result = await run_action(catalog.action("calendly_v2-cancel-scheduled-event"), {"event": EVENT, "reason": "Double booked"}, auth=AUTH)
    assert_request(route.calls.last.request, "POST", f"/scheduled_events/{EVENT_UUID}/cancellation", body={"reason": "Double booked"})
    assert result.ret == {"canceled_by": "John Doe", "reason": "Double booked", "canceler_type": "host",
                          "created_at": "2026-12-07T10:00:00.000000Z"}


async def test_create_scheduling_link_for_one_booking(catalog, respx_mock):
    route = respx_mock.post(f"{API}/scheduling_links").mock(return_value=httpx.Response(201, json={"resource": {
        "booking_url": "https://calendly.com/d/abcd-brv8/15-minute-meeting", "owner": EVENT_TYPE, "owner_type": "EventType"}}))
    result = await run_action(catalog.action("calendly_v2-create-scheduling-link"), {"eventType": EVENT_TYPE}, auth=AUTH)
    assert_request(route.calls.last.request, "POST", "/scheduling_links",
                   body={"max_event_count": 1, "owner": EVENT_TYPE, "owner_type": "EventType"})
    assert result.ret["booking_url"] == "https://calendly.com/d/abcd-brv8/15-minute-meeting"


async def test_event_type_and_event_options_page(catalog, respx_mock):
    me = respx_mock.get(f"{API}/users/me").mock(return_value=httpx.Response(200, json={"resource": _user()}))
    types = respx_mock.get(f"{API}/event_types").mock(side_effect=[
        httpx.Response(200, json={"collection": [_event_type()], "pagination": _pagination("tok2")}),
        httpx.Response(200, json={"collection": [_event_type(f"{API}/event_types/D2", "Intro")], "pagination": _pagination()}),
    ])
    action = catalog.action("calendly_v2-create-scheduling-link")
    first = await fetch_options(action, "eventType", {}, auth=AUTH)
    assert first["options"] == [{"label": "15 Minute Meeting", "value": EVENT_TYPE}]
    second = await fetch_options(action, "eventType", {}, auth=AUTH, page=1, prev_context=first["context"])
    assert second["options"] == [{"label": "Intro", "value": f"{API}/event_types/D2"}] and second["context"] is None
    assert dict(types.calls[1].request.url.params) == {"user": USER, "count": "100", "page_token": "tok2"}
    assert me.call_count == 1

    events = respx_mock.get(f"{API}/scheduled_events").mock(return_value=httpx.Response(200, json={
        "collection": [_event()], "pagination": _pagination()}))
    page = await fetch_options(catalog.action("calendly_v2-get-scheduled-event"), "event", {}, auth=AUTH)
    assert page["options"] == [{"label": "15 Minute Meeting at 2026-12-10T14:00:00.000000Z", "value": EVENT}]
    assert dict(events.calls.last.request.url.params) == {"user": USER, "count": "100", "status": "active", "sort": "start_time:desc"}


async def test_errors_name_the_parameter_and_the_rate_limit_wait(catalog, respx_mock):
    respx_mock.get(f"{API}/scheduled_events/{EVENT_UUID}").mock(side_effect=[
        httpx.Response(400, json={"title": "Invalid Argument", "message": "The supplied parameters are invalid.",
                                  "details": [{"parameter": "uuid", "message": "is invalid"}]}),
        httpx.Response(429, headers={"X-RateLimit-Limit": "500", "X-RateLimit-Remaining": "0", "X-RateLimit-Reset": "42"},
                       json={"title": "Too Many Requests", "message": "Rate limit exceeded"}),
    ])
    action = catalog.action("calendly_v2-get-scheduled-event")
    assert "The supplied parameters are invalid. (uuid: is invalid)" in (await run_action(action, {"event": EVENT}, auth=AUTH)).error
    assert "rate limited by Calendly; retry after 42 s" in (await run_action(action, {"event": EVENT}, auth=AUTH)).error
