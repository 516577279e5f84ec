"""Slack people, groups, reminders and files. Answers are shaped like the Web API reference's
examples (api.slack.com/methods)."""

import json

import httpx

from mcp_gateway.runtime.engine import fetch_options, run_action
from tests.apps.test_slack import API, AUTH, CHANNEL, _member, assert_slack_form, assert_slack_get


def _ok(**fields):
    return httpx.Response(200, json={"ok": True, **fields})


async def test_list_users_follows_pages_and_trims(catalog, respx_mock):
    route = respx_mock.get(f"{API}/users.list").mock(side_effect=[
        _ok(members=[_member("W012A3CDE", "spengler", "Egon Spengler")], cache_ts=1498777272,
            response_metadata={"next_cursor": "dXNlcjpVMEc5V0ZYTlo="}),
        _ok(members=[_member("W07QCRPA4", "glinda", "Glinda Southgood", deleted=True)], cache_ts=1498777272,
            response_metadata={"next_cursor": "dXNlcjpVMEc5V0ZYTla="}),
    ])
    result = await run_action(catalog.action("slack-list-users"), {"limit": 2}, auth=AUTH)
    assert result.error is None, result.error
    assert_slack_get(route.calls[0].request, "users.list", {"limit": "2"})
    assert_slack_get(route.calls[1].request, "users.list", {"limit": "1", "cursor": "dXNlcjpVMEc5V0ZYTlo="})
    assert [u["id"] for u in result.ret["users"]] == ["W012A3CDE", "W07QCRPA4"]
    assert result.ret["users"][1]["deleted"] is True
    assert "color" not in result.ret["users"][0]
    assert result.ret["next_cursor"] == "dXNlcjpVMEc5V0ZYTla="
    assert result.summary == "Listed 2 users (more available)"


async def test_get_user(catalog, respx_mock):
    route = respx_mock.get(f"{API}/users.info").mock(return_value=_ok(user=_member("W012A3CDE", "spengler", "Egon Spengler")))
    result = await run_action(catalog.action("slack-get-user"), {"user": "W012A3CDE"}, auth=AUTH)
    assert result.error is None, result.error
    assert_slack_get(route.calls.last.request, "users.info", {"user": "W012A3CDE"})
    assert result.ret["email"] == "spengler@ghostbusters.example.com" and result.ret["title"] == "Spectral researcher"
    assert result.summary == "Read Egon Spengler (W012A3CDE)"


async def test_set_status_sends_the_profile_as_json(catalog, respx_mock):
    route = respx_mock.post(f"{API}/users.profile.set").mock(return_value=_ok(profile={
        "avatar_hash": "ge3b51ca72de", "status_text": "riding a train", "status_emoji": ":mountain_railway:",
        "status_expiration": 1767261600, "real_name": "Egon Spengler", "display_name": "spengler", "email": "spengler@ghostbusters.example.com"}))
    result = await run_action(catalog.action("slack-set-status"),
                              {"statusText": "riding a train", "statusEmoji": "mountain_railway", "statusExpiration": 1767261600}, auth=AUTH)
    assert result.error is None, result.error
    request = route.calls.last.request
    assert request.headers["content-type"] == "application/x-www-form-urlencoded"
    sent = dict(httpx.QueryParams(request.content.decode()))
    assert json.loads(sent.pop("profile")) == {"status_text": "riding a train", "status_emoji": ":mountain_railway:", "status_expiration": 1767261600}
    assert sent == {}
    assert result.ret == {"status_text": "riding a train", "status_emoji": ":mountain_railway:", "status_expiration": 1767261600}
    assert result.summary == "Set the status to :mountain_railway: riding a train"


async def test_set_status_with_nothing_clears_it(catalog, respx_mock):
    route = respx_mock.post(f"{API}/users.profile.set").mock(return_value=_ok(profile={"status_text": "", "status_emoji": "", "status_expiration": 0}))
    result = await run_action(catalog.action("slack-set-status"), {}, auth=AUTH)
    assert json.loads(dict(httpx.QueryParams(route.calls.last.request.content.decode()))["profile"]) == {
        "status_text": "", "status_emoji": "", "status_expiration": 0}
    assert result.summary == "Cleared the status"


def _file(file_id, name):
    return {"id": file_id, "created": 1531763342, "timestamp": 1531763342, "name": name, "title": name, "mimetype": "image/png",
            "filetype": "png", "pretty_type": "PNG", "user": "U061F7AUR", "editable": False, "size": 26666, "mode": "hosted",
            "is_external": False, "external_type": "", "is_public": True, "public_url_shared": False,
            "url_private": f"https://files.slack.com/files-pri/T061EG9R6-{file_id}/{name}",
            "permalink": f"https://example.slack.com/files/U061F7AUR/{file_id}/{name}",
            "channels": [CHANNEL], "groups": [], "ims": [], "comments_count": 0}


async def test_list_files_filters_and_pages_by_number(catalog, respx_mock):
    route = respx_mock.get(f"{API}/files.list").mock(side_effect=[
        _ok(files=[_file("F0S43P1CZ", "image.png")], paging={"count": 1, "total": 2, "page": 1, "pages": 2}),
        _ok(files=[_file("F0S43PZDF", "other.png")], paging={"count": 1, "total": 2, "page": 2, "pages": 2}),
    ])
    first = await run_action(catalog.action("slack-list-files"),
                             {"channel": CHANNEL, "user": "U061F7AUR", "types": ["images", "pdfs"], "tsFrom": "1531700000", "limit": 1},
                             auth=AUTH)
    assert first.error is None, first.error
    query = {"channel": CHANNEL, "user": "U061F7AUR", "types": "images,pdfs", "ts_from": "1531700000"}
    assert_slack_get(route.calls[0].request, "files.list", {**query, "count": "1", "page": "1"})
    assert first.ret["files"][0] == {
        "id": "F0S43P1CZ", "name": "image.png", "title": "image.png", "filetype": "png", "mimetype": "image/png", "size": 26666,
        "user": "U061F7AUR", "created": 1531763342, "channels": [CHANNEL],
        "permalink": "https://example.slack.com/files/U061F7AUR/F0S43P1CZ/image.png",
        "url_private": "https://files.slack.com/files-pri/T061EG9R6-F0S43P1CZ/image.png"}
    assert first.ret["next_cursor"] == "2:1"
    second = await run_action(catalog.action("slack-list-files"),
                              {"channel": CHANNEL, "user": "U061F7AUR", "types": ["images", "pdfs"], "tsFrom": "1531700000",
                               "cursor": "2:1"}, auth=AUTH)
    assert_slack_get(route.calls[1].request, "files.list", {**query, "count": "1", "page": "2"})
    assert second.ret["next_cursor"] is None
    assert second.summary == "Listed 1 file"


async def test_list_files_refuses_unknown_types(catalog, respx_mock):
    result = await run_action(catalog.action("slack-list-files"), {"types": ["videos"]}, auth=AUTH)
    assert "types must be among" in result.error
    assert not respx_mock.calls


async def test_get_and_delete_file(catalog, respx_mock):
    info = respx_mock.get(f"{API}/files.info").mock(return_value=_ok(file=_file("F0S43PZDF", "image.png"), comments=[],
                                                                         response_metadata={"next_cursor": ""}))
    delete = respx_mock.post(f"{API}/files.delete").mock(return_value=_ok())
    got = await run_action(catalog.action("slack-get-file"), {"file": "F0S43PZDF"}, auth=AUTH)
    assert got.error is None, got.error
    assert_slack_get(info.calls.last.request, "files.info", {"file": "F0S43PZDF"})
    assert got.ret["id"] == "F0S43PZDF" and got.ret["channels"] == [CHANNEL]
    assert got.summary == "Read file image.png (F0S43PZDF)"
    deleted = await run_action(catalog.action("slack-delete-file"), {"file": "F0S43PZDF"}, auth=AUTH)
    assert deleted.error is None, deleted.error
    assert_slack_form(delete.calls.last.request, "files.delete", {"file": "F0S43PZDF"})
    assert deleted.ret == {"file": "F0S43PZDF", "deleted": True}


async def test_file_options_page_by_number(catalog, respx_mock):
    route = respx_mock.get(f"{API}/files.list").mock(side_effect=[
        _ok(files=[_file("F0S43P1CZ", "image.png")], paging={"count": 100, "total": 101, "page": 1, "pages": 2}),
        _ok(files=[_file("F0S43PZDF", "other.png")], paging={"count": 100, "total": 101, "page": 2, "pages": 2}),
    ])
    action = catalog.action("slack-get-file")
    first = await fetch_options(action, "file", {}, auth=AUTH)
    assert first["options"] == [{"label": "image.png", "value": "F0S43P1CZ"}]
    assert first["context"] == {"page": 2}
    second = await fetch_options(action, "file", {}, auth=AUTH, page=1, prev_context=first["context"])
    assert_slack_get(route.calls[1].request, "files.list", {"count": "100", "page": "2"})
    assert second["options"] == [{"label": "other.png", "value": "F0S43PZDF"}] and second["context"] is None


REMINDER = {"id": "Rm12345678", "creator": "U18888888", "user": "U18888888", "text": "eat a banana",
            "recurring": False, "time": 1602288000, "complete_ts": 0}


async def test_create_reminder(catalog, respx_mock):
    route = respx_mock.post(f"{API}/reminders.add").mock(return_value=_ok(reminder=REMINDER))
    result = await run_action(catalog.action("slack-create-reminder"), {"text": "eat a banana", "time": "in 15 minutes"}, auth=AUTH)
    assert result.error is None, result.error
    assert_slack_form(route.calls.last.request, "reminders.add", {"text": "eat a banana", "time": "in 15 minutes"})
    assert result.ret == {k: REMINDER[k] for k in ("id", "text", "time", "recurring", "complete_ts", "user", "creator")}
    assert result.summary == "Created reminder Rm12345678: 'eat a banana'"


async def test_list_reminders_hides_completed_ones_and_delete(catalog, respx_mock):
    done = {**REMINDER, "id": "Rm23456789", "text": "call mom", "complete_ts": 1602289000}
    listed = respx_mock.get(f"{API}/reminders.list").mock(return_value=_ok(reminders=[REMINDER, done]))
    delete = respx_mock.post(f"{API}/reminders.delete").mock(return_value=_ok())
    open_only = await run_action(catalog.action("slack-list-reminders"), {}, auth=AUTH)
    assert open_only.error is None, open_only.error
    assert_slack_get(listed.calls.last.request, "reminders.list", {})
    assert [r["id"] for r in open_only.ret["reminders"]] == ["Rm12345678"]
    everything = await run_action(catalog.action("slack-list-reminders"), {"includeCompleted": True}, auth=AUTH)
    assert everything.summary == "Listed 2 reminders"
    options = await fetch_options(catalog.action("slack-delete-reminder"), "reminder", {}, auth=AUTH)
    assert options["options"] == [{"label": "eat a banana", "value": "Rm12345678"}]
    deleted = await run_action(catalog.action("slack-delete-reminder"), {"reminder": "Rm12345678"}, auth=AUTH)
    assert_slack_form(delete.calls.last.request, "reminders.delete", {"reminder": "Rm12345678"})
    assert deleted.summary == "Deleted reminder Rm12345678"


GROUP = {"id": "S0614TZR7", "team_id": "T060RNRCH", "is_usergroup": True, "name": "Team Admins",
         "description": "A group of all Administrators on your team.", "handle": "admins", "is_external": False,
         "date_create": 1446598059, "date_update": 1446670362, "date_delete": 0, "auto_type": "admin",
         "created_by": "USLACKBOT", "updated_by": "U060RNRCZ", "deleted_by": None,
         "prefs": {"channels": [], "groups": []}, "users": ["U060R4BJ4", "U060RNRCZ"], "user_count": 2}


async def test_list_user_groups_and_their_options(catalog, respx_mock):
    route = respx_mock.get(f"{API}/usergroups.list").mock(return_value=_ok(usergroups=[GROUP]))
    result = await run_action(catalog.action("slack-list-user-groups"), {"includeUsers": True}, auth=AUTH)
    assert result.error is None, result.error
    assert_slack_get(route.calls.last.request, "usergroups.list",
                     {"include_count": "true", "include_users": "true", "include_disabled": "false"})
    assert result.ret["usergroups"] == [{"id": "S0614TZR7", "name": "Team Admins", "handle": "admins",
                                         "description": "A group of all Administrators on your team.", "user_count": 2,
                                         "users": ["U060R4BJ4", "U060RNRCZ"], "channels": [], "disabled": False}]
    assert result.summary == "Listed 1 user group"
    options = await fetch_options(catalog.action("slack-update-user-group-members"), "userGroup", {}, auth=AUTH)
    assert options["options"] == [{"label": "Team Admins (@admins)", "value": "S0614TZR7"}]


async def test_update_user_group_members(catalog, respx_mock):
    route = respx_mock.post(f"{API}/usergroups.users.update").mock(
        return_value=_ok(usergroup={**GROUP, "users": ["U060R4BJ4", "W123A4BC5"]}))
    result = await run_action(catalog.action("slack-update-user-group-members"),
                              {"userGroup": "S0614TZR7", "users": ["U060R4BJ4", "W123A4BC5"]}, auth=AUTH)
    assert result.error is None, result.error
    assert_slack_form(route.calls.last.request, "usergroups.users.update",
                      {"usergroup": "S0614TZR7", "users": "U060R4BJ4,W123A4BC5", "include_count": "true"})
    assert result.ret["users"] == ["U060R4BJ4", "W123A4BC5"]
    assert result.summary == "Set the members of @admins to 2 people"


async def test_update_user_group_members_needs_someone(catalog, respx_mock):
    result = await run_action(catalog.action("slack-update-user-group-members"), {"userGroup": "S0614TZR7", "users": [" "]}, auth=AUTH)
    assert "at least one user ID" in result.error
    assert not respx_mock.calls
