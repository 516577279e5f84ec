import json

import httpx

from mcp_gateway.runtime.engine import fetch_options, run_action

API = "https://api.zoom.us/v2"
AUTH = {"oauth_access_token": "eyJzdiI6IjAwMDAwMSIsImFsZyI6IkhTNTEyIn0.zoom"}


def assert_request(request, method, path, *, params=None, body=None):
    assert request.method == method
    assert str(request.url.copy_with(query=None)) == f"{API}{path}"
    assert dict(request.url.params) == (params or {})
    assert request.headers["authorization"] == f"Bearer {AUTH['oauth_access_token']}"
    if body is None:
        assert request.content == b""
    else:
        assert json.loads(request.content) == body


def _meeting(meeting_id=85746065432, topic="Quarterly planning"):
    return {"uuid": "aDYlohsHRtCd4ii1uC2+hA==", "id": meeting_id, "host_id": "30R7kT7bTIKSNUFEuH_Qlg",
            "host_email": "ada@example.com", "topic": topic, "type": 2, "status": "waiting",
            "start_time": "2026-12-08T14:00:00Z", "duration": 45, "timezone": "Europe/Berlin", "agenda": "Goals for Q1",
            "created_at": "2026-12-01T09:00:00Z", "start_url": "https://zoom.us/s/85746065432?zak=secret",
            "join_url": "https://zoom.us/j/85746065432?pwd=abc", "password": "123456",
            "settings": {"host_video": True, "participant_video": False, "join_before_host": False, "waiting_room": True}}


SUMMARY = {"id": 85746065432, "uuid": "aDYlohsHRtCd4ii1uC2+hA==", "topic": "Quarterly planning", "type": 2,
           "start_time": "2026-12-08T14:00:00Z", "duration_minutes": 45, "timezone": "Europe/Berlin", "agenda": "Goals for Q1",
           "join_url": "https://zoom.us/j/85746065432?pwd=abc", "password": "123456", "status": "waiting"}


async def test_list_meetings_follows_next_page_tokens(catalog, respx_mock):
    route = respx_mock.get(f"{API}/users/me/meetings").mock(side_effect=[
        httpx.Response(200, json={"page_size": 2, "total_records": 3, "next_page_token": "Tva2CuIdTgsv8wAnhyAdU3m06Y2HuLQtlh3",
                                  "meetings": [_meeting(), _meeting(85746065433, "Standup")]}),
        httpx.Response(200, json={"page_size": 1, "total_records": 3, "next_page_token": "", "meetings": [_meeting(85746065434, "Retro")]}),
    ])
    result = await run_action(catalog.action("zoom-list-meetings"), {"limit": 3}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls[0].request, "GET", "/users/me/meetings", params={"type": "upcoming", "page_size": "3"})
    assert_request(route.calls[1].request, "GET", "/users/me/meetings", params={
        "type": "upcoming", "page_size": "1", "next_page_token": "Tva2CuIdTgsv8wAnhyAdU3m06Y2HuLQtlh3"})
    assert result.ret["meetings"][0] == SUMMARY and result.ret["next_cursor"] is None
    assert "start_url" not in result.ret["meetings"][0]  # the host's start link carries a secret


async def test_get_meeting_takes_a_join_link_and_trims(catalog, respx_mock):
    route = respx_mock.get(f"{API}/meetings/85746065432").mock(return_value=httpx.Response(200, json=_meeting()))
    result = await run_action(catalog.action("zoom-get-meeting"), {"meetingId": "https://zoom.us/j/85746065432?pwd=abc"}, auth=AUTH)
    assert_request(route.calls.last.request, "GET", "/meetings/85746065432")
    assert result.ret == SUMMARY
    whole = await run_action(catalog.action("zoom-get-meeting"), {"meetingId": "857 4606 5432", "fullResponse": True}, auth=AUTH)
    assert whole.ret == _meeting()


async def test_a_meeting_id_that_is_not_digits_is_refused(catalog, respx_mock):
    result = await run_action(catalog.action("zoom-get-meeting"), {"meetingId": "planning"}, auth=AUTH)
    assert "must be a Zoom meeting ID" in result.error
    assert not respx_mock.calls


async def test_create_meeting_scheduled_or_instant(catalog, respx_mock):
    route = respx_mock.post(f"{API}/users/me/meetings").mock(return_value=httpx.Response(201, json=_meeting()))
    result = await run_action(catalog.action("zoom-create-meeting"), {
        "topic": "Quarterly planning", "startTime": "2026-12-08T15:00:00", "timezone": "Europe/Berlin", "durationMinutes": 45,
        "agenda": "Goals for Q1", "waitingRoom": True, "autoRecording": "cloud"}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "POST", "/users/me/meetings", body={
        "topic": "Quarterly planning", "type": 2, "duration": 45, "start_time": "2026-12-08T15:00:00", "timezone": "Europe/Berlin",
        "agenda": "Goals for Q1", "settings": {"waiting_room": True, "auto_recording": "cloud"}})
    assert result.ret["join_url"] == "https://zoom.us/j/85746065432?pwd=abc"
    await run_action(catalog.action("zoom-create-meeting"), {"topic": "Quick sync"}, auth=AUTH)
    assert json.loads(route.calls.last.request.content) == {"topic": "Quick sync", "type": 1, "duration": 30}


async def test_update_delete_and_end(catalog, respx_mock):
    updated = respx_mock.patch(f"{API}/meetings/85746065432").mock(return_value=httpx.Response(204))
    result = await run_action(catalog.action("zoom-update-meeting"),
                              {"meetingId": "85746065432", "startTime": "2026-12-08T16:00:00Z", "durationMinutes": 60}, auth=AUTH)
    assert_request(updated.calls.last.request, "PATCH", "/meetings/85746065432", body={"start_time": "2026-12-08T16:00:00Z", "duration": 60})
    assert result.ret == {"meeting_id": "85746065432", "updated": ["duration", "start_time"]}
    nothing = await run_action(catalog.action("zoom-update-meeting"), {"meetingId": "85746065432"}, auth=AUTH)
    assert nothing.error.startswith("nothing to change")

    deleted = respx_mock.delete(f"{API}/meetings/85746065432").mock(return_value=httpx.Response(204))
    await run_action(catalog.action("zoom-delete-meeting"), {"meetingId": "85746065432", "notifyRegistrants": True}, auth=AUTH)
    assert_request(deleted.calls.last.request, "DELETE", "/meetings/85746065432", params={"cancel_meeting_reminder": "true"})

    ended = respx_mock.put(f"{API}/meetings/85746065432/status").mock(return_value=httpx.Response(204))
    result = await run_action(catalog.action("zoom-end-meeting"), {"meetingId": "85746065432"}, auth=AUTH)
    assert_request(ended.calls.last.request, "PUT", "/meetings/85746065432/status", body={"action": "end"})
    assert result.ret == {"meeting_id": "85746065432", "ended": True}


async def test_recordings_list_and_files(catalog, respx_mock):
    files = [{"id": "a2f19f96-9294-4f51-8134-6f0eea108eb2", "meeting_id": "aDYlohsHRtCd4ii1uC2+hA==",
              "recording_start": "2026-12-01T14:00:04Z", "recording_end": "2026-12-01T14:44:10Z", "file_type": "MP4",
              "file_extension": "MP4", "file_size": 7220, "play_url": "https://zoom.us/rec/play/abc",
              "download_url": "https://zoom.us/rec/download/abc", "status": "completed", "recording_type": "shared_screen_with_speaker_view"}]
    listed = respx_mock.get(f"{API}/users/me/recordings").mock(return_value=httpx.Response(200, json={
        "from": "2026-11-01", "to": "2026-12-01", "page_size": 25, "total_records": 1, "next_page_token": "",
        "meetings": [{"uuid": "aDYlohsHRtCd4ii1uC2+hA==", "id": 85746065432, "topic": "Quarterly planning",
                      "start_time": "2026-12-01T14:00:00Z", "duration": 45, "share_url": "https://zoom.us/rec/share/abc",
                      "recording_files": files}]}))
    result = await run_action(catalog.action("zoom-list-recordings"), {"from": "2026-11-01", "to": "2026-12-01"}, auth=AUTH)
    assert_request(listed.calls.last.request, "GET", "/users/me/recordings", params={"from": "2026-11-01", "to": "2026-12-01", "page_size": "25"})
    assert result.ret["meetings"][0]["files"] == [{"type": "MP4", "recording_type": "shared_screen_with_speaker_view",
                                                   "size": 7220, "play_url": "https://zoom.us/rec/play/abc"}]

    got = respx_mock.get(f"{API}/meetings/85746065432/recordings").mock(return_value=httpx.Response(200, json={
        "uuid": "aDYlohsHRtCd4ii1uC2+hA==", "id": 85746065432, "topic": "Quarterly planning", "share_url": "https://zoom.us/rec/share/abc",
        "password": "rec-pass", "recording_files": files}))
    result = await run_action(catalog.action("zoom-get-meeting-recordings"), {"meetingId": "85746065432"}, auth=AUTH)
    assert_request(got.calls.last.request, "GET", "/meetings/85746065432/recordings")
    assert result.ret["files"][0]["download_url"] == "https://zoom.us/rec/download/abc"


async def test_list_recordings_defaults_to_the_last_30_days(catalog, respx_mock):
    route = respx_mock.get(f"{API}/users/me/recordings").mock(return_value=httpx.Response(200, json={"meetings": []}))
    await run_action(catalog.action("zoom-list-recordings"), {"to": "2026-12-31"}, auth=AUTH)
    assert route.calls.last.request.url.params["from"] == "2026-12-01"


async def test_past_participants_double_encode_a_slashed_uuid(catalog, respx_mock):
    route = respx_mock.get(url__regex=r"https://api\.zoom\.us/v2/past_meetings/.+/participants").mock(return_value=httpx.Response(200, json={
        "page_size": 30, "total_records": 1, "next_page_token": "",
        "participants": [{"id": "30R7kT7bTIKSNUFEuH_Qlg", "name": "Bob", "user_email": "bob@example.com",
                          "join_time": "2026-12-01T14:01:00Z", "leave_time": "2026-12-01T14:40:00Z", "duration": 2340}]}))
    result = await run_action(catalog.action("zoom-list-past-meeting-participants"), {"meetingUuid": "/ajXp112QmuoKj4854875=="}, auth=AUTH)
    assert result.error is None, result.error
    assert route.calls.last.request.url.raw_path.startswith(b"/v2/past_meetings/%252FajXp112QmuoKj4854875%253D%253D/participants")
    assert result.ret["participants"] == [{"name": "Bob", "email": "bob@example.com", "join_time": "2026-12-01T14:01:00Z",
                                           "leave_time": "2026-12-01T14:40:00Z", "duration_seconds": 2340}]


async def test_add_registrant_and_current_user(catalog, respx_mock):
    registered = respx_mock.post(f"{API}/meetings/85746065432/registrants").mock(return_value=httpx.Response(201, json={
        "id": 85746065432, "join_url": "https://zoom.us/w/85746065432?tk=reg", "registrant_id": "fdgsfh2ey82fuh",
        "start_time": "2026-12-08T14:00:00Z", "topic": "Quarterly planning", "occurrences": []}))
    result = await run_action(catalog.action("zoom-add-meeting-registrant"),
                              {"meetingId": "85746065432", "email": "bob@example.com", "firstName": "Bob", "lastName": "Lee"}, auth=AUTH)
    assert_request(registered.calls.last.request, "POST", "/meetings/85746065432/registrants",
                   body={"email": "bob@example.com", "first_name": "Bob", "last_name": "Lee"})
    assert result.ret["join_url"] == "https://zoom.us/w/85746065432?tk=reg"

    respx_mock.get(f"{API}/users/me").mock(return_value=httpx.Response(200, json={
        "id": "30R7kT7bTIKSNUFEuH_Qlg", "display_name": "Ada Lovelace", "email": "ada@example.com", "type": 2,
        "pmi": 3542471135, "timezone": "Europe/Berlin", "personal_meeting_url": "https://zoom.us/j/3542471135", "role_name": "Owner"}))
    result = await run_action(catalog.action("zoom-get-current-user"), {}, auth=AUTH)
    assert result.ret["email"] == "ada@example.com" and "role_name" not in result.ret


async def test_meeting_options_list_upcoming_meetings(catalog, respx_mock):
    route = respx_mock.get(f"{API}/users/me/meetings").mock(return_value=httpx.Response(200, json={
        "next_page_token": "", "meetings": [_meeting()]}))
    options = await fetch_options(catalog.action("zoom-get-meeting"), "meetingId", {}, auth=AUTH)
    assert options["options"] == [{"label": "Quarterly planning (2026-12-08T14:00:00Z)", "value": "85746065432"}]
    assert dict(route.calls.last.request.url.params) == {"type": "upcoming", "page_size": "300"}


async def test_zoom_error_codes_say_what_to_do(catalog, respx_mock):
    respx_mock.get(f"{API}/meetings/1").mock(side_effect=[
        httpx.Response(404, json={"code": 3001, "message": "Meeting does not exist: 1."}),
        httpx.Response(429, headers={"Retry-After": "5"}, json={"code": 429, "message": "You have reached the maximum per-second rate limit."}),
    ])
    action = catalog.action("zoom-get-meeting")
    assert "list the user's meetings with zoom-list-meetings" in (await run_action(action, {"meetingId": "1"}, auth=AUTH)).error
    assert "rate limited by Zoom; retry after 5 s" in (await run_action(action, {"meetingId": "1"}, auth=AUTH)).error
