import json
from datetime import datetime, timezone

import httpx
import pytest

from mcp_gateway.catalog import AccountContext, AppHttp, Identity, UpstreamError
from mcp_gateway.runtime.engine import fetch_options, run_action

API = "https://www.googleapis.com/calendar/v3"
AUTH = {"oauth_access_token": "ya29.a0AfB_byC-calendar-test"}
ME = "grace@example.com"
EVENTS = f"{API}/calendars/primary/events"
EVENT_ID = "5qe8a1k2b3c4d5e6f7g8h9i0jk"
TEAM = "c_1a2b3c4d5e6f7g8h9i0j@group.calendar.google.com"


# Bodies shaped like the Calendar API v3 reference (Events, CalendarList, Freebusy).


def calendar_entry(calendar_id, summary, *, primary=False, role="owner", time_zone="America/Los_Angeles"):
    entry = {
        "kind": "calendar#calendarListEntry",
        "etag": "\"1717430400000000\"",
        "id": calendar_id,
        "summary": summary,
        "timeZone": time_zone,
        "colorId": "14",
        "backgroundColor": "#9fe1e7",
        "foregroundColor": "#000000",
        "selected": True,
        "accessRole": role,
        "defaultReminders": [{"method": "popup", "minutes": 10}],
        "conferenceProperties": {"allowedConferenceSolutionTypes": ["hangoutsMeet"]},
    }
    if primary:
        entry["primary"] = True
    return entry


def event(event_id=EVENT_ID, summary="Design review", *, start="2024-06-03T10:00:00-07:00",
          end="2024-06-03T11:00:00-07:00", attendees=None, **extra):
    body = {
        "kind": "calendar#event",
        "etag": "\"3431283406520000\"",
        "id": event_id,
        "status": "confirmed",
        "htmlLink": f"https://www.google.com/calendar/event?eid={event_id}",
        "created": "2024-05-28T16:18:23.000Z",
        "updated": "2024-05-28T16:18:23.260Z",
        "summary": summary,
        "creator": {"email": ME, "self": True},
        "organizer": {"email": ME, "self": True},
        "start": when(start),
        "end": when(end),
        "iCalUID": f"{event_id}@google.com",
        "sequence": 0,
        "reminders": {"useDefault": True},
        "eventType": "default",
    }
    if attendees is not None:
        body["attendees"] = attendees
    body.update(extra)
    return body


def when(value):
    return {"date": value} if "T" not in value else {"dateTime": value, "timeZone": "America/Los_Angeles"}


def google_error(code, message, reason):
    return {"error": {"errors": [{"domain": "global", "reason": reason, "message": message}], "code": code,
                      "message": message}}


def assert_request(request, method, url, params=(), token=AUTH["oauth_access_token"]):
    assert request.method == method
    sent = request.url
    assert f"{sent.scheme}://{sent.host}{sent.raw_path.decode().split('?')[0]}" == url
    assert list(sent.params.multi_items()) == list(params)
    assert request.headers["authorization"] == f"Bearer {token}"


def body(request):
    return json.loads(request.content)


def mock_time_zone(respx_mock, calendar="primary", zone="America/Los_Angeles"):
    return respx_mock.get(f"{API}/users/me/calendarList/{calendar}").mock(return_value=httpx.Response(
        200, json=calendar_entry(ME if calendar == "primary" else calendar, ME, primary=True, time_zone=zone)))


# The app


def test_app_declares_google_oauth_with_calendar_scopes(catalog):
    app = catalog.app("google_calendar")
    assert app.auth.authorize_url == "https://accounts.google.com/o/oauth2/v2/auth"
    assert app.auth.token_url == "https://oauth2.googleapis.com/token"
    assert list(app.auth.scopes) == ["https://www.googleapis.com/auth/calendar"]
    assert app.auth.pkce is True
    assert dict(app.auth.extra_authorize_params) == {"access_type": "offline", "prompt": "consent"}
    assert app.base_url == API
    assert app.allowed_domains == ["www.googleapis.com"]
    assert app.prop_name == "googleCalendar"


def test_annotations(catalog):
    actions = catalog.actions_of("google_calendar")
    assert len(actions) >= 15
    assert {a.key for a in actions if a.annotations.read_only} == {
        "google_calendar-list-calendars", "google_calendar-list-events", "google_calendar-get-event",
        "google_calendar-find-free-busy", "google_calendar-list-event-instances", "google_calendar-get-calendar",
        "google_calendar-list-calendar-sharing", "google_calendar-list-colors"}
    assert {a.key for a in actions if a.annotations.destructive} == {
        "google_calendar-delete-event", "google_calendar-update-event", "google_calendar-delete-calendar",
        "google_calendar-unshare-calendar"}


async def account_identity(catalog, creds):
    app = catalog.app("google_calendar")
    async with httpx.AsyncClient() as client:
        http = AppHttp(client, app_name=app.name, headers=app.headers_for(creds), base_url=app.base_url_for(creds),
                       allowed_domains=app.allowed_domains_for(creds))
        return await app.test(AccountContext(auth=creds, http=http))


async def test_account_test_reads_the_primary_calendar(catalog, respx_mock):
    route = mock_time_zone(respx_mock)
    assert await account_identity(catalog, AUTH) == Identity(name=ME, external_id=ME)
    assert_request(route.calls.last.request, "GET", f"{API}/users/me/calendarList/primary")


async def test_account_test_raises_on_a_rejected_token(catalog, respx_mock):
    respx_mock.get(f"{API}/users/me/calendarList/primary").mock(return_value=httpx.Response(
        401, json=google_error(401, "Invalid Credentials", "authError")))
    with pytest.raises(UpstreamError, match="Invalid Credentials") as raised:
        await account_identity(catalog, AUTH)
    assert raised.value.status == 401


# Calendars


async def test_list_calendars_follows_pages(catalog, respx_mock):
    route = respx_mock.get(f"{API}/users/me/calendarList").mock(side_effect=[
        httpx.Response(200, json={"kind": "calendar#calendarList", "etag": "\"p3\"", "nextPageToken": "CiAKGjBpNDd2Nmp2",
                                  "items": [calendar_entry(ME, ME, primary=True)]}),
        httpx.Response(200, json={"kind": "calendar#calendarList", "etag": "\"p4\"", "nextSyncToken": "CPDAlvWDx70CEPDA",
                                  "items": [calendar_entry(TEAM, "Team", role="reader", time_zone="Europe/Paris")]}),
    ])
    result = await run_action(catalog.action("google_calendar-list-calendars"), {"limit": 5}, auth=AUTH)
    assert result.error is None
    assert_request(route.calls[0].request, "GET", f"{API}/users/me/calendarList", [("maxResults", "5")])
    assert_request(route.calls[1].request, "GET", f"{API}/users/me/calendarList",
                   [("maxResults", "4"), ("pageToken", "CiAKGjBpNDd2Nmp2")])
    assert result.ret == {"calendars": [
        {"id": ME, "summary": ME, "description": None, "primary": True, "accessRole": "owner",
         "timeZone": "America/Los_Angeles"},
        {"id": TEAM, "summary": "Team", "description": None, "primary": False, "accessRole": "reader",
         "timeZone": "Europe/Paris"},
    ], "next_cursor": None}
    assert result.summary == "Listed 2 calendars"


async def test_list_calendars_stops_at_the_limit_with_a_cursor(catalog, respx_mock):
    route = respx_mock.get(f"{API}/users/me/calendarList").mock(side_effect=[
        httpx.Response(200, json={"kind": "calendar#calendarList", "etag": "\"p3\"", "nextPageToken": "CiAKGjBpNDd2Nmp2",
                                  "items": [calendar_entry(ME, ME, primary=True)]}),
        httpx.Response(200, json={"kind": "calendar#calendarList", "etag": "\"p4\"", "nextSyncToken": "CPDAlvWDx70CEPDA",
                                  "items": [calendar_entry(TEAM, "Team", role="reader", time_zone="Europe/Paris")]}),
    ])
    first = await run_action(catalog.action("google_calendar-list-calendars"), {"limit": 1}, auth=AUTH)
    assert [c["id"] for c in first.ret["calendars"]] == [ME]
    assert first.ret["next_cursor"] == "CiAKGjBpNDd2Nmp2"
    assert first.summary == "Listed 1 calendar (more with next_cursor)"
    second = await run_action(catalog.action("google_calendar-list-calendars"),
                              {"limit": 1, "cursor": first.ret["next_cursor"]}, auth=AUTH)
    assert_request(route.calls[1].request, "GET", f"{API}/users/me/calendarList",
                   [("maxResults", "1"), ("pageToken", "CiAKGjBpNDd2Nmp2")])
    assert [c["id"] for c in second.ret["calendars"]] == [TEAM]
    assert second.ret["next_cursor"] is None


# Events


async def test_list_events_reads_local_times_in_the_given_zone(catalog, respx_mock):
    route = respx_mock.get(f"{API}/calendars/{TEAM}/events").mock(return_value=httpx.Response(200, json={
        "kind": "calendar#events", "summary": "Team", "timeZone": "Europe/Paris", "nextPageToken": "EjYKKzVxZThh",
        "items": [event(attendees=[{"email": "ada@example.com", "responseStatus": "accepted"}],
                        hangoutLink="https://meet.google.com/abc-defg-hij")],
    }))
    result = await run_action(catalog.action("google_calendar-list-events"), {
        "calendarId": TEAM, "timeMin": "2024-06-03", "timeMax": "2024-06-07T18:00:00", "q": "review",
        "timeZone": "Europe/Paris", "limit": 1, "cursor": "EjYKKzVxZTgx",
    }, auth=AUTH)
    assert result.error is None
    assert_request(route.calls.last.request, "GET", f"{API}/calendars/{TEAM}/events", [
        ("singleEvents", "true"), ("orderBy", "startTime"), ("timeMin", "2024-06-03T00:00:00+02:00"),
        ("timeMax", "2024-06-07T18:00:00+02:00"), ("q", "review"), ("timeZone", "Europe/Paris"), ("maxResults", "1"),
        ("pageToken", "EjYKKzVxZTgx")])
    assert result.ret["next_cursor"] == "EjYKKzVxZThh"
    assert result.ret["timeZone"] == "Europe/Paris"
    assert result.ret["events"] == [{
        "id": EVENT_ID, "status": "confirmed", "summary": "Design review",
        "start": {"dateTime": "2024-06-03T10:00:00-07:00", "timeZone": "America/Los_Angeles"},
        "end": {"dateTime": "2024-06-03T11:00:00-07:00", "timeZone": "America/Los_Angeles"},
        "htmlLink": f"https://www.google.com/calendar/event?eid={EVENT_ID}",
        "meetLink": "https://meet.google.com/abc-defg-hij",
        "organizer": {"email": ME, "self": True},
        "attendees": [{"email": "ada@example.com", "responseStatus": "accepted"}],
        "eventType": "default", "created": "2024-05-28T16:18:23.000Z", "updated": "2024-05-28T16:18:23.260Z",
    }]
    assert result.summary == "Found 1 event on Team (more with next_cursor)"

    whole = await run_action(catalog.action("google_calendar-list-events"), {
        "calendarId": TEAM, "timeZone": "Europe/Paris", "limit": 1, "fullResponse": True}, auth=AUTH)
    assert whole.ret["events"][0]["etag"] == "\"3431283406520000\""
    assert whole.ret["events"][0]["iCalUID"] == f"{EVENT_ID}@google.com"


async def test_list_events_uses_the_calendars_zone_for_local_times(catalog, respx_mock):
    zone = mock_time_zone(respx_mock, zone="America/New_York")
    route = respx_mock.get(EVENTS).mock(return_value=httpx.Response(200, json={
        "kind": "calendar#events", "summary": ME, "timeZone": "America/New_York", "items": []}))
    result = await run_action(catalog.action("google_calendar-list-events"), {
        "timeMin": "2024-01-15T09:00:00", "timeMax": "2024-01-15T17:00:00Z"}, auth=AUTH)
    assert result.error is None
    assert zone.call_count == 1
    assert_request(route.calls.last.request, "GET", EVENTS, [
        ("singleEvents", "true"), ("orderBy", "startTime"), ("timeMin", "2024-01-15T09:00:00-05:00"),
        ("timeMax", "2024-01-15T17:00:00+00:00"), ("maxResults", "25")])
    assert result.summary == f"Found 0 events on {ME}"


async def test_list_events_refuses_a_backwards_range_and_bad_times(catalog, respx_mock):
    route = respx_mock.get(EVENTS)
    backwards = await run_action(catalog.action("google_calendar-list-events"), {
        "timeMin": "2024-06-03T10:00:00Z", "timeMax": "2024-06-03T09:00:00Z"}, auth=AUTH)
    assert backwards.error == "timeMax (2024-06-03T09:00:00Z) must be after timeMin (2024-06-03T10:00:00Z)"
    bad = await run_action(catalog.action("google_calendar-list-events"), {"timeMin": "next tuesday"}, auth=AUTH)
    assert "timeMin 'next tuesday' is not a date-time" in bad.error
    zone = await run_action(catalog.action("google_calendar-list-events"), {
        "timeMin": "2024-06-03T10:00:00", "timeZone": "Mars/Olympus"}, auth=AUTH)
    assert "'Mars/Olympus' is not an IANA time zone name" in zone.error
    assert not route.called


async def test_get_event(catalog, respx_mock):
    route = respx_mock.get(f"{EVENTS}/{EVENT_ID}").mock(return_value=httpx.Response(200, json=event(
        description="Agenda: mocks", location="Room 4B", recurrence=["RRULE:FREQ=WEEKLY;BYDAY=MO"])))
    result = await run_action(catalog.action("google_calendar-get-event"), {"eventId": EVENT_ID}, auth=AUTH)
    assert_request(route.calls.last.request, "GET", f"{EVENTS}/{EVENT_ID}")
    assert result.ret["description"] == "Agenda: mocks"
    assert result.ret["location"] == "Room 4B"
    assert result.ret["recurrence"] == ["RRULE:FREQ=WEEKLY;BYDAY=MO"]
    assert result.summary == 'Read event "Design review"'


async def test_create_event_with_guests_meet_and_reminders(catalog, respx_mock):
    created = event("8h3jq2n1m4", "Planning", start="2024-06-04T15:00:00+02:00", end="2024-06-04T15:45:00+02:00",
                    attendees=[{"email": "ada@example.com", "responseStatus": "needsAction"},
                               {"email": "alan@example.com", "responseStatus": "needsAction"}],
                    hangoutLink="https://meet.google.com/xyz-abcd-efg")
    route = respx_mock.post(EVENTS).mock(return_value=httpx.Response(200, json=created))

    result = await run_action(catalog.action("google_calendar-create-event"), {
        "summary": "Planning", "start": "2024-06-04T15:00:00", "end": "2024-06-04T15:45:00", "timeZone": "Europe/Paris",
        "description": "Q3 plan", "location": "Room 4B", "attendees": ["ada@example.com", "Alan <alan@example.com>"],
        "addMeet": True, "reminderMinutes": [10, 60], "sendUpdates": "externalOnly",
    }, auth=AUTH)

    assert result.error is None
    request = route.calls.last.request
    assert_request(request, "POST", EVENTS, [("sendUpdates", "externalOnly"), ("conferenceDataVersion", "1")])
    sent = body(request)
    request_id = sent["conferenceData"]["createRequest"].pop("requestId")
    assert len(request_id) == 32
    assert sent == {
        "summary": "Planning",
        "start": {"dateTime": "2024-06-04T15:00:00", "timeZone": "Europe/Paris"},
        "end": {"dateTime": "2024-06-04T15:45:00", "timeZone": "Europe/Paris"},
        "description": "Q3 plan",
        "location": "Room 4B",
        "attendees": [{"email": "ada@example.com"}, {"email": "alan@example.com"}],
        "reminders": {"useDefault": False, "overrides": [{"method": "popup", "minutes": 10},
                                                          {"method": "popup", "minutes": 60}]},
        "conferenceData": {"createRequest": {"conferenceSolutionKey": {"type": "hangoutsMeet"}}},
    }
    assert result.ret["id"] == "8h3jq2n1m4"
    assert result.ret["meetLink"] == "https://meet.google.com/xyz-abcd-efg"
    assert result.summary == 'Created event "Planning" starting 2024-06-04T15:00:00+02:00 with 2 guests'


async def test_create_event_defaults_to_an_hour_in_the_calendars_zone(catalog, respx_mock):
    mock_time_zone(respx_mock)
    route = respx_mock.post(EVENTS).mock(return_value=httpx.Response(200, json=event()))
    result = await run_action(catalog.action("google_calendar-create-event"), {
        "summary": "Design review", "start": "2024-06-03T10:00:00",
        "recurrence": ["RRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=4"]}, auth=AUTH)
    assert result.error is None
    assert_request(route.calls.last.request, "POST", EVENTS, [("sendUpdates", "all")])
    assert body(route.calls.last.request) == {
        "summary": "Design review",
        "start": {"dateTime": "2024-06-03T10:00:00", "timeZone": "America/Los_Angeles"},
        "end": {"dateTime": "2024-06-03T11:00:00", "timeZone": "America/Los_Angeles"},
        "recurrence": ["RRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=4"],
    }


async def test_create_all_day_event_and_offset_times(catalog, respx_mock):
    route = respx_mock.post(EVENTS).mock(return_value=httpx.Response(200, json=event(
        start="2024-06-03", end="2024-06-04")))
    all_day = await run_action(catalog.action("google_calendar-create-event"), {
        "summary": "Offsite", "start": "2024-06-03", "sendUpdates": "none"}, auth=AUTH)
    assert all_day.error is None
    assert body(route.calls.last.request) == {"summary": "Offsite", "start": {"date": "2024-06-03"},
                                              "end": {"date": "2024-06-04"}}
    offset = await run_action(catalog.action("google_calendar-create-event"), {
        "summary": "Call", "start": "2024-06-03T16:00:00Z", "end": "2024-06-03T16:30:00Z"}, auth=AUTH)
    assert offset.error is None
    assert body(route.calls.last.request) == {"summary": "Call", "start": {"dateTime": "2024-06-03T16:00:00+00:00"},
                                              "end": {"dateTime": "2024-06-03T16:30:00+00:00"}}


async def test_create_event_refuses_an_end_before_the_start(catalog, respx_mock):
    route = respx_mock.post(EVENTS)
    result = await run_action(catalog.action("google_calendar-create-event"), {
        "summary": "x", "start": "2024-06-03T16:00:00Z", "end": "2024-06-03T15:00:00Z"}, auth=AUTH)
    assert result.error == "end (2024-06-03T15:00:00Z) must be after start (2024-06-03T16:00:00Z)"
    mixed = await run_action(catalog.action("google_calendar-create-event"), {
        "summary": "x", "start": "2024-06-03", "end": "2024-06-03T15:00:00Z"}, auth=AUTH)
    assert mixed.error == "start and end must both be dates (all-day) or both be date-times"
    guests = await run_action(catalog.action("google_calendar-create-event"), {
        "summary": "x", "start": "2024-06-03", "attendees": ["Ada Lovelace"]}, auth=AUTH)
    assert "attendees: 'Ada Lovelace' is not an email address" in guests.error
    assert not route.called


async def test_update_event_moves_it_keeping_its_length_and_adds_a_guest(catalog, respx_mock):
    current = event(attendees=[{"email": ME, "organizer": True, "self": True, "responseStatus": "accepted"},
                               {"email": "ada@example.com", "responseStatus": "accepted"}])
    get = respx_mock.get(f"{EVENTS}/{EVENT_ID}").mock(return_value=httpx.Response(200, json=current))
    updated = event(start="2024-06-05T14:00:00-07:00", end="2024-06-05T15:00:00-07:00", summary="Design review v2")
    patch = respx_mock.patch(f"{EVENTS}/{EVENT_ID}").mock(return_value=httpx.Response(200, json=updated))

    result = await run_action(catalog.action("google_calendar-update-event"), {
        "eventId": EVENT_ID, "summary": "Design review v2", "start": "2024-06-05T14:00:00-07:00",
        "addAttendees": ["alan@example.com", "ADA@example.com"], "removeAttendees": ["nobody@example.com"],
    }, auth=AUTH)

    assert result.error is None
    assert get.call_count == 1
    assert_request(patch.calls.last.request, "PATCH", f"{EVENTS}/{EVENT_ID}", [("sendUpdates", "all")])
    assert body(patch.calls.last.request) == {
        "summary": "Design review v2",
        "start": {"dateTime": "2024-06-05T14:00:00-07:00"},
        "end": {"dateTime": "2024-06-05T15:00:00-07:00"},
        "attendees": [{"email": ME, "organizer": True, "self": True, "responseStatus": "accepted"},
                      {"email": "ada@example.com", "responseStatus": "accepted"},
                      {"email": "alan@example.com"}],
    }
    assert result.summary == 'Updated event "Design review v2" (summary, start, end, attendees)'


async def test_update_event_replaces_fields_without_reading_first(catalog, respx_mock):
    get = respx_mock.get(f"{EVENTS}/{EVENT_ID}")
    patch = respx_mock.patch(f"{API}/calendars/{TEAM}/events/{EVENT_ID}").mock(return_value=httpx.Response(
        200, json=event(location="Room 1")))
    result = await run_action(catalog.action("google_calendar-update-event"), {
        "calendarId": TEAM, "eventId": EVENT_ID, "location": "Room 1", "attendees": [], "sendUpdates": "none"},
        auth=AUTH)
    assert result.error is None
    assert not get.called
    assert_request(patch.calls.last.request, "PATCH", f"{API}/calendars/{TEAM}/events/{EVENT_ID}",
                   [("sendUpdates", "none")])
    assert body(patch.calls.last.request) == {"location": "Room 1", "attendees": []}


async def test_update_event_needs_a_change(catalog, respx_mock):
    result = await run_action(catalog.action("google_calendar-update-event"), {"eventId": EVENT_ID, "addMeet": False},
                              auth=AUTH)
    assert result.error.startswith("nothing to change: give at least one of summary")


async def test_delete_event(catalog, respx_mock):
    route = respx_mock.delete(f"{EVENTS}/{EVENT_ID}").mock(return_value=httpx.Response(204))
    result = await run_action(catalog.action("google_calendar-delete-event"), {"eventId": EVENT_ID}, auth=AUTH)
    assert result.error is None
    assert_request(route.calls.last.request, "DELETE", f"{EVENTS}/{EVENT_ID}", [("sendUpdates", "all")])
    assert result.ret == {"deleted": True, "eventId": EVENT_ID, "calendarId": "primary"}
    assert result.summary == f"Deleted event {EVENT_ID} from primary"


async def test_quick_add_event(catalog, respx_mock):
    route = respx_mock.post(f"{EVENTS}/quickAdd").mock(return_value=httpx.Response(200, json=event(
        "q1w2e3r4t5", "Lunch with Ada", start="2024-06-04T12:00:00-07:00", end="2024-06-04T13:00:00-07:00",
        location="Cafe Roma")))
    result = await run_action(catalog.action("google_calendar-quick-add-event"), {
        "text": "Lunch with Ada at Cafe Roma tomorrow 12pm-1pm", "sendUpdates": "none"}, auth=AUTH)
    assert_request(route.calls.last.request, "POST", f"{EVENTS}/quickAdd", [
        ("text", "Lunch with Ada at Cafe Roma tomorrow 12pm-1pm"), ("sendUpdates", "none")])
    assert route.calls.last.request.content == b""
    assert result.ret["location"] == "Cafe Roma"
    assert result.summary == 'Created event "Lunch with Ada" starting 2024-06-04T12:00:00-07:00'


async def test_find_free_busy_merges_calendars_and_lists_free_slots(catalog, respx_mock):
    route = respx_mock.post(f"{API}/freeBusy").mock(return_value=httpx.Response(200, json={
        "kind": "calendar#freeBusy",
        "timeMin": "2024-06-03T16:00:00.000Z",
        "timeMax": "2024-06-04T00:00:00.000Z",
        "calendars": {
            "primary": {"busy": [{"start": "2024-06-03T10:00:00-07:00", "end": "2024-06-03T11:00:00-07:00"},
                                 {"start": "2024-06-03T13:00:00-07:00", "end": "2024-06-03T13:20:00-07:00"}]},
            "ada@example.com": {"busy": [{"start": "2024-06-03T10:30:00-07:00", "end": "2024-06-03T12:00:00-07:00"}]},
            "nobody@example.com": {"errors": [{"domain": "global", "reason": "notFound"}], "busy": []},
        },
    }))
    result = await run_action(catalog.action("google_calendar-find-free-busy"), {
        "calendars": ["primary", "ada@example.com", "nobody@example.com"], "timeMin": "2024-06-03T09:00:00",
        "timeMax": "2024-06-03T17:00:00", "timeZone": "America/Los_Angeles"}, auth=AUTH)
    assert result.error is None
    assert_request(route.calls.last.request, "POST", f"{API}/freeBusy")
    assert body(route.calls.last.request) == {
        "timeMin": "2024-06-03T09:00:00-07:00", "timeMax": "2024-06-03T17:00:00-07:00",
        "items": [{"id": "primary"}, {"id": "ada@example.com"}, {"id": "nobody@example.com"}],
        "timeZone": "America/Los_Angeles",
    }
    assert result.ret["busy"] == [
        {"start": "2024-06-03T10:00:00-07:00", "end": "2024-06-03T12:00:00-07:00"},
        {"start": "2024-06-03T13:00:00-07:00", "end": "2024-06-03T13:20:00-07:00"},
    ]
    assert result.ret["free"] == [
        {"start": "2024-06-03T09:00:00-07:00", "end": "2024-06-03T10:00:00-07:00"},
        {"start": "2024-06-03T12:00:00-07:00", "end": "2024-06-03T13:00:00-07:00"},
        {"start": "2024-06-03T13:20:00-07:00", "end": "2024-06-03T17:00:00-07:00"},
    ]
    assert result.ret["errors"] == {"nobody@example.com": ["notFound"]}
    assert result.summary == "Checked 2 calendars: 2 busy periods, 3 free slots; could not read nobody@example.com"


async def test_respond_to_event_updates_only_my_answer(catalog, respx_mock):
    guests = [{"email": "ada@example.com", "organizer": True, "responseStatus": "accepted"},
              {"email": ME, "self": True, "responseStatus": "needsAction"}]
    respx_mock.get(f"{EVENTS}/{EVENT_ID}").mock(return_value=httpx.Response(200, json=event(
        attendees=guests, organizer={"email": "ada@example.com"})))
    answered = [guests[0], {"email": ME, "self": True, "responseStatus": "declined", "comment": "On leave"}]
    patch = respx_mock.patch(f"{EVENTS}/{EVENT_ID}").mock(return_value=httpx.Response(200, json=event(
        attendees=answered, organizer={"email": "ada@example.com"})))
    result = await run_action(catalog.action("google_calendar-respond-to-event"), {
        "eventId": EVENT_ID, "response": "declined", "comment": "On leave"}, auth=AUTH)
    assert result.error is None
    assert_request(patch.calls.last.request, "PATCH", f"{EVENTS}/{EVENT_ID}", [("sendUpdates", "all")])
    assert body(patch.calls.last.request) == {"attendees": answered}
    assert result.summary == 'Declined "Design review"'


async def test_respond_to_event_when_not_invited(catalog, respx_mock):
    respx_mock.get(f"{EVENTS}/{EVENT_ID}").mock(return_value=httpx.Response(200, json=event(
        attendees=[{"email": "ada@example.com", "responseStatus": "accepted"}])))
    patch = respx_mock.patch(f"{EVENTS}/{EVENT_ID}")
    result = await run_action(catalog.action("google_calendar-respond-to-event"), {
        "eventId": EVENT_ID, "response": "accepted"}, auth=AUTH)
    assert "not on this event's guest list" in result.error
    assert not patch.called


# Errors


async def test_a_missing_event_says_how_to_find_ids(catalog, respx_mock):
    respx_mock.get(f"{EVENTS}/nope").mock(return_value=httpx.Response(404, json=google_error(404, "Not Found", "notFound")))
    result = await run_action(catalog.action("google_calendar-get-event"), {"eventId": "nope"}, auth=AUTH)
    assert result.error == (
        f"Google Calendar API error 404 on GET {EVENTS}/nope: Not Found (no calendar or event has that ID for this "
        "account; list them with google_calendar-list-calendars and google_calendar-list-events)"
    )


async def test_a_read_only_calendar_is_explained(catalog, respx_mock):
    respx_mock.delete(f"{API}/calendars/{TEAM}/events/{EVENT_ID}").mock(return_value=httpx.Response(
        403, json=google_error(403, "You need to have writer access to this calendar.", "requiredAccessLevel")))
    result = await run_action(catalog.action("google_calendar-delete-event"), {"calendarId": TEAM, "eventId": EVENT_ID},
                              auth=AUTH)
    assert "You need to have writer access to this calendar." in result.error
    assert "(the user has no write access to this calendar; pick a calendar they own or can edit)" in result.error


async def test_a_401_refreshes_the_token_and_retries(catalog, respx_mock):
    route = respx_mock.get(f"{EVENTS}/{EVENT_ID}").mock(side_effect=[
        httpx.Response(401, json=google_error(401, "Invalid Credentials", "authError")),
        httpx.Response(200, json=event()),
    ])
    calls = []

    async def refresh():
        calls.append(1)
        return {"Authorization": "Bearer ya29.refreshed"}

    result = await run_action(catalog.action("google_calendar-get-event"), {"eventId": EVENT_ID}, auth=AUTH,
                              on_unauthorized=refresh)
    assert result.error is None
    assert calls == [1]
    assert [c.request.headers["authorization"] for c in route.calls] == [
        f"Bearer {AUTH['oauth_access_token']}", "Bearer ya29.refreshed"]


async def test_a_429_says_when_to_retry(catalog, respx_mock):
    respx_mock.get(f"{EVENTS}/{EVENT_ID}").mock(return_value=httpx.Response(
        429, headers={"Retry-After": "40"}, json=google_error(429, "Rate Limit Exceeded", "rateLimitExceeded")))
    result = await run_action(catalog.action("google_calendar-get-event"), {"eventId": EVENT_ID}, auth=AUTH)
    assert result.ret is None
    assert "Rate Limit Exceeded" in result.error
    assert "rate limited by Google Calendar; retry after 40 s" in result.error


# Remote options


async def test_calendar_options_page_through_the_list(catalog, respx_mock):
    route = respx_mock.get(f"{API}/users/me/calendarList").mock(side_effect=[
        httpx.Response(200, json={"kind": "calendar#calendarList", "nextPageToken": "CiAKGjBpNDd2Nmp2",
                                  "items": [calendar_entry(ME, ME, primary=True)]}),
        httpx.Response(200, json={"kind": "calendar#calendarList", "items": [
            {**calendar_entry(TEAM, "Team"), "summaryOverride": "Team (shared)"}]}),
    ])
    action = catalog.action("google_calendar-create-event")
    first = await fetch_options(action, "calendarId", {}, auth=AUTH)
    assert first["options"] == [{"label": f"{ME} (primary)", "value": "primary"}]
    assert first["context"] == {"pageToken": "CiAKGjBpNDd2Nmp2"}
    second = await fetch_options(action, "calendarId", {}, auth=AUTH, page=1, prev_context=first["context"])
    assert second["options"] == [{"label": "Team (shared)", "value": TEAM}]
    assert second["context"] is None
    assert_request(route.calls[1].request, "GET", f"{API}/users/me/calendarList",
                   [("maxResults", "250"), ("pageToken", "CiAKGjBpNDd2Nmp2")])
    done = await fetch_options(action, "calendarId", {}, auth=AUTH, page=2, prev_context={})
    assert done["options"] == [] and route.call_count == 2


async def test_event_options_list_upcoming_events_of_the_chosen_calendar(catalog, respx_mock):
    route = respx_mock.get(f"{API}/calendars/{TEAM}/events").mock(side_effect=[
        httpx.Response(200, json={"items": [event()], "nextPageToken": "EjYKKzVxZThh"}),
        httpx.Response(200, json={"items": [event("all1", "Offsite", start="2024-06-10", end="2024-06-11")]}),
    ])
    action = catalog.action("google_calendar-get-event")
    before = datetime.now(timezone.utc).replace(microsecond=0)
    first = await fetch_options(action, "eventId", {"calendarId": TEAM}, auth=AUTH, query="review")
    assert first["options"] == [{"label": "Design review — 2024-06-03T10:00:00-07:00", "value": EVENT_ID}]
    params = dict(route.calls[0].request.url.params)
    assert datetime.fromisoformat(params.pop("timeMin")) >= before
    assert params == {"singleEvents": "true", "orderBy": "startTime", "maxResults": "50", "q": "review"}
    second = await fetch_options(action, "eventId", {"calendarId": TEAM}, auth=AUTH, page=1,
                                 prev_context=first["context"])
    assert second["options"] == [{"label": "Offsite — 2024-06-10", "value": "all1"}]
    assert route.calls[1].request.url.params["pageToken"] == "EjYKKzVxZThh"
