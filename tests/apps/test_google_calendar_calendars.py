"""Google Calendar: calendars, sharing, colours, moving events and the occurrences of a series."""

import httpx

from mcp_gateway.runtime.engine import fetch_options, run_action
from tests.apps.test_google_calendar import (
    API,
    AUTH,
    EVENT_ID,
    EVENTS,
    ME,
    TEAM,
    assert_request,
    body,
    event,
)

NEW_CALENDAR = "c_9f8e7d6c5b4a3210@group.calendar.google.com"


def calendar_resource(calendar_id=NEW_CALENDAR, summary="Team holidays", **extra):
    return {"kind": "calendar#calendar", "etag": "\"9b2c1a\"", "id": calendar_id, "summary": summary,
            "timeZone": "Europe/Berlin", "conferenceProperties": {"allowedConferenceSolutionTypes": ["hangoutsMeet"]},
            **extra}


def acl_rule(email="ada@example.com", role="reader", scope_type="user"):
    scope = {"type": scope_type}
    rule_id = "default" if scope_type == "default" else f"{scope_type}:{email}"
    if scope_type != "default":
        scope["value"] = email
    return {"kind": "calendar#aclRule", "etag": "\"00001717430400000000\"", "id": rule_id, "scope": scope, "role": role}


# Events across calendars


async def test_move_event_to_another_calendar(catalog, respx_mock):
    route = respx_mock.post(f"{EVENTS}/{EVENT_ID}/move").mock(return_value=httpx.Response(200, json=event(
        organizer={"email": TEAM, "displayName": "Team"})))
    result = await run_action(catalog.action("google_calendar-move-event"), {
        "eventId": EVENT_ID, "destination": TEAM, "sendUpdates": "none"}, auth=AUTH)
    assert result.error is None
    assert_request(route.calls.last.request, "POST", f"{EVENTS}/{EVENT_ID}/move",
                   [("destination", TEAM), ("sendUpdates", "none")])
    assert result.ret["id"] == EVENT_ID
    assert result.ret["organizer"] == {"email": TEAM, "displayName": "Team"}
    assert result.summary == f'Moved event "Design review" to {TEAM}'


async def test_list_event_instances_pages_with_a_cursor(catalog, respx_mock):
    first = event(f"{EVENT_ID}_20240603T170000Z", "Standup", recurringEventId=EVENT_ID,
                  originalStartTime={"dateTime": "2024-06-03T10:00:00-07:00", "timeZone": "America/Los_Angeles"})
    second = event(f"{EVENT_ID}_20240604T170000Z", "Standup", start="2024-06-04T10:00:00-07:00",
                   end="2024-06-04T10:15:00-07:00", recurringEventId=EVENT_ID)
    route = respx_mock.get(f"{EVENTS}/{EVENT_ID}/instances").mock(side_effect=[
        httpx.Response(200, json={"kind": "calendar#events", "summary": ME, "timeZone": "America/Los_Angeles",
                                  "nextPageToken": "CigKGjVxZThh", "items": [first]}),
        httpx.Response(200, json={"kind": "calendar#events", "summary": ME, "timeZone": "America/Los_Angeles",
                                  "nextPageToken": "CigKGjVxZThi", "items": [second]}),
    ])
    result = await run_action(catalog.action("google_calendar-list-event-instances"), {
        "eventId": EVENT_ID, "timeMin": "2024-06-01T00:00:00Z", "timeMax": "2024-07-01T00:00:00Z", "limit": 1,
    }, auth=AUTH)
    assert result.error is None
    assert_request(route.calls[0].request, "GET", f"{EVENTS}/{EVENT_ID}/instances", [
        ("timeMin", "2024-06-01T00:00:00+00:00"), ("timeMax", "2024-07-01T00:00:00+00:00"), ("maxResults", "1")])
    assert [e["id"] for e in result.ret["events"]] == [f"{EVENT_ID}_20240603T170000Z"]
    assert result.ret["events"][0]["recurringEventId"] == EVENT_ID
    assert result.ret["next_cursor"] == "CigKGjVxZThh"
    assert result.ret["timeZone"] == "America/Los_Angeles"
    assert result.summary == 'Listed 1 occurrence of "Standup" (more with next_cursor)'

    following = await run_action(catalog.action("google_calendar-list-event-instances"), {
        "eventId": EVENT_ID, "limit": 1, "cursor": result.ret["next_cursor"]}, auth=AUTH)
    assert_request(route.calls[1].request, "GET", f"{EVENTS}/{EVENT_ID}/instances",
                   [("maxResults", "1"), ("pageToken", "CigKGjVxZThh")])
    assert [e["id"] for e in following.ret["events"]] == [f"{EVENT_ID}_20240604T170000Z"]


async def test_create_and_update_event_set_a_colour(catalog, respx_mock):
    created = respx_mock.post(EVENTS).mock(return_value=httpx.Response(200, json=event(colorId="11")))
    result = await run_action(catalog.action("google_calendar-create-event"), {
        "summary": "Design review", "start": "2024-06-03T10:00:00-07:00", "colorId": "11", "sendUpdates": "none"},
        auth=AUTH)
    assert result.error is None
    assert body(created.calls.last.request)["colorId"] == "11"
    assert result.ret["colorId"] == "11"
    patched = respx_mock.patch(f"{EVENTS}/{EVENT_ID}").mock(return_value=httpx.Response(200, json=event(colorId="5")))
    result = await run_action(catalog.action("google_calendar-update-event"), {
        "eventId": EVENT_ID, "colorId": "5"}, auth=AUTH)
    assert_request(patched.calls.last.request, "PATCH", f"{EVENTS}/{EVENT_ID}", [("sendUpdates", "all")])
    assert body(patched.calls.last.request) == {"colorId": "5"}
    assert result.summary == 'Updated event "Design review" (colorId)'


# Calendars


async def test_get_calendar(catalog, respx_mock):
    route = respx_mock.get(f"{API}/calendars/{TEAM}").mock(return_value=httpx.Response(200, json=calendar_resource(
        TEAM, "Team", description="Team meetings", location="Berlin office")))
    result = await run_action(catalog.action("google_calendar-get-calendar"), {"calendarId": TEAM}, auth=AUTH)
    assert_request(route.calls.last.request, "GET", f"{API}/calendars/{TEAM}")
    assert result.ret == {"id": TEAM, "summary": "Team", "description": "Team meetings", "location": "Berlin office",
                          "timeZone": "Europe/Berlin"}
    assert result.summary == 'Read calendar "Team" (Europe/Berlin)'


async def test_create_calendar(catalog, respx_mock):
    route = respx_mock.post(f"{API}/calendars").mock(return_value=httpx.Response(200, json=calendar_resource(
        description="Who is off when")))
    result = await run_action(catalog.action("google_calendar-create-calendar"), {
        "summary": "Team holidays", "description": "Who is off when", "timeZone": "Europe/Berlin"}, auth=AUTH)
    request = route.calls.last.request
    assert_request(request, "POST", f"{API}/calendars")
    assert body(request) == {"summary": "Team holidays", "description": "Who is off when", "timeZone": "Europe/Berlin"}
    assert result.ret == {"id": NEW_CALENDAR, "summary": "Team holidays", "description": "Who is off when",
                          "timeZone": "Europe/Berlin"}
    assert result.summary == f'Created calendar "Team holidays" ({NEW_CALENDAR})'
    bad = await run_action(catalog.action("google_calendar-create-calendar"), {
        "summary": "x", "timeZone": "Berlin"}, auth=AUTH)
    assert "is not an IANA time zone name" in bad.error
    assert route.call_count == 1


async def test_delete_calendar_but_never_the_primary(catalog, respx_mock):
    route = respx_mock.delete(f"{API}/calendars/{NEW_CALENDAR}").mock(return_value=httpx.Response(204))
    result = await run_action(catalog.action("google_calendar-delete-calendar"), {"calendarId": NEW_CALENDAR}, auth=AUTH)
    assert_request(route.calls.last.request, "DELETE", f"{API}/calendars/{NEW_CALENDAR}")
    assert result.ret == {"deleted": True, "calendarId": NEW_CALENDAR}
    primary = await run_action(catalog.action("google_calendar-delete-calendar"), {"calendarId": "primary"}, auth=AUTH)
    assert "the primary calendar cannot be deleted" in primary.error
    assert route.call_count == 1


# Sharing


async def test_share_calendar_with_a_person(catalog, respx_mock):
    route = respx_mock.post(f"{API}/calendars/{TEAM}/acl").mock(return_value=httpx.Response(
        200, json=acl_rule(role="writer")))
    result = await run_action(catalog.action("google_calendar-share-calendar"), {
        "calendarId": TEAM, "role": "writer", "scopeValue": "ada@example.com", "sendNotifications": False}, auth=AUTH)
    request = route.calls.last.request
    assert_request(request, "POST", f"{API}/calendars/{TEAM}/acl", [("sendNotifications", "false")])
    assert body(request) == {"role": "writer", "scope": {"type": "user", "value": "ada@example.com"}}
    assert result.ret == {"id": "user:ada@example.com", "role": "writer", "scopeType": "user",
                          "scopeValue": "ada@example.com"}
    assert result.summary == f"Shared {TEAM} with ada@example.com as writer"


async def test_share_calendar_publicly_and_refuse_a_missing_address(catalog, respx_mock):
    route = respx_mock.post(f"{API}/calendars/primary/acl").mock(return_value=httpx.Response(
        200, json=acl_rule(role="freeBusyReader", scope_type="default")))
    result = await run_action(catalog.action("google_calendar-share-calendar"), {
        "role": "freeBusyReader", "scopeType": "default"}, auth=AUTH)
    assert body(route.calls.last.request) == {"role": "freeBusyReader", "scope": {"type": "default"}}
    assert_request(route.calls.last.request, "POST", f"{API}/calendars/primary/acl", [("sendNotifications", "true")])
    assert result.summary == "Shared primary with everyone as freeBusyReader"
    missing = await run_action(catalog.action("google_calendar-share-calendar"), {"role": "reader"}, auth=AUTH)
    assert "scopeValue is needed" in missing.error
    assert route.call_count == 1


async def test_list_calendar_sharing_and_rule_options(catalog, respx_mock):
    route = respx_mock.get(f"{API}/calendars/{TEAM}/acl").mock(return_value=httpx.Response(200, json={
        "kind": "calendar#acl", "etag": "\"00001717430400000000\"", "nextSyncToken": "CPjh8bWDx70CEPjh8bWDx70CGAU=",
        "items": [acl_rule(TEAM, "owner"), acl_rule("ada@example.com", "reader")]}))
    result = await run_action(catalog.action("google_calendar-list-calendar-sharing"), {"calendarId": TEAM}, auth=AUTH)
    assert_request(route.calls.last.request, "GET", f"{API}/calendars/{TEAM}/acl", [("maxResults", "25")])
    assert result.ret == {"rules": [
        {"id": f"user:{TEAM}", "role": "owner", "scopeType": "user", "scopeValue": TEAM},
        {"id": "user:ada@example.com", "role": "reader", "scopeType": "user", "scopeValue": "ada@example.com"},
    ], "next_cursor": None}
    assert result.summary == f"{TEAM} has 2 sharing rules"
    options = await fetch_options(catalog.action("google_calendar-unshare-calendar"), "ruleId", {"calendarId": TEAM},
                                  auth=AUTH)
    assert options["options"] == [{"label": f"{TEAM} (owner)", "value": f"user:{TEAM}"},
                                  {"label": "ada@example.com (reader)", "value": "user:ada@example.com"}]
    assert_request(route.calls.last.request, "GET", f"{API}/calendars/{TEAM}/acl", [("maxResults", "250")])


async def test_unshare_calendar(catalog, respx_mock):
    route = respx_mock.delete(f"{API}/calendars/{TEAM}/acl/user:ada@example.com").mock(return_value=httpx.Response(204))
    result = await run_action(catalog.action("google_calendar-unshare-calendar"), {
        "calendarId": TEAM, "ruleId": "user:ada@example.com"}, auth=AUTH)
    assert route.called
    assert route.calls.last.request.method == "DELETE"
    assert route.calls.last.request.url.raw_path.decode() == f"/calendar/v3/calendars/{TEAM}/acl/user%3Aada@example.com"
    assert result.ret == {"deleted": True, "calendarId": TEAM, "ruleId": "user:ada@example.com"}
    assert result.summary == f"Removed sharing rule user:ada@example.com from {TEAM}"


# Colours

COLORS = {
    "kind": "calendar#colors",
    "updated": "2012-02-14T00:00:00.000Z",
    "calendar": {"1": {"background": "#ac725e", "foreground": "#1d1d1d"}},
    "event": {"1": {"background": "#a4bdfc", "foreground": "#1d1d1d"},
              "11": {"background": "#dc2127", "foreground": "#1d1d1d"}},
}


async def test_list_colors_and_colour_options(catalog, respx_mock):
    route = respx_mock.get(f"{API}/colors").mock(return_value=httpx.Response(200, json=COLORS))
    result = await run_action(catalog.action("google_calendar-list-colors"), {}, auth=AUTH)
    assert_request(route.calls.last.request, "GET", f"{API}/colors")
    assert result.ret == {
        "event": [{"colorId": "1", "background": "#a4bdfc", "foreground": "#1d1d1d"},
                  {"colorId": "11", "background": "#dc2127", "foreground": "#1d1d1d"}],
        "calendar": [{"colorId": "1", "background": "#ac725e", "foreground": "#1d1d1d"}],
    }
    assert result.summary == "Listed 2 event colours and 1 calendar colour"
    options = await fetch_options(catalog.action("google_calendar-create-event"), "colorId", {}, auth=AUTH)
    assert options["options"] == [{"label": "1: #a4bdfc", "value": "1"}, {"label": "11: #dc2127", "value": "11"}]
