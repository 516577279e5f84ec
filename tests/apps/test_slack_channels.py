"""Slack conversations: reading threads and channels, creating, archiving, joining, inviting and
describing them. Answers are shaped like the Web API reference's examples (api.slack.com/methods)."""

import httpx

from mcp_gateway.runtime.engine import fetch_options, run_action
from tests.apps.test_slack import API, AUTH, CHANNEL, _channel, _member, _message, assert_slack_form, assert_slack_get


def _ok(**fields):
    return httpx.Response(200, json={"ok": True, **fields})


async def test_list_replies_reads_the_thread_and_returns_the_cursor(catalog, respx_mock):
    route = respx_mock.get(f"{API}/conversations.replies").mock(return_value=_ok(
        messages=[
            _message("1482960137.003543", "island", thread_ts="1482960137.003543", reply_count=3),
            _message("1483037603.017503", "one island", user="U061F1EUR", thread_ts="1482960137.003543",
                     parent_user_id="U061F7AUR"),
        ],
        has_more=True,
        response_metadata={"next_cursor": "bmV4dF90czoxNDg0Njc4MjkwNTE3MDkx"},
    ))
    result = await run_action(catalog.action("slack-list-replies"), {"channel": CHANNEL, "ts": "1482960137.003543", "limit": 2},
                              auth=AUTH)
    assert result.error is None, result.error
    assert_slack_get(route.calls.last.request, "conversations.replies",
                     {"channel": CHANNEL, "ts": "1482960137.003543", "limit": "2"})
    assert [m["text"] for m in result.ret["messages"]] == ["island", "one island"]
    assert result.ret["messages"][0]["reply_count"] == 3
    assert result.ret["next_cursor"] == "bmV4dF90czoxNDg0Njc4MjkwNTE3MDkx"
    assert result.summary == f"Read 2 messages of thread 1482960137.003543 in {CHANNEL} (more available)"


async def test_list_replies_passes_the_cursor_back(catalog, respx_mock):
    route = respx_mock.get(f"{API}/conversations.replies").mock(return_value=_ok(
        messages=[_message("1483051909.018632", "two island", thread_ts="1482960137.003543")],
        has_more=False, response_metadata={"next_cursor": ""},
    ))
    result = await run_action(catalog.action("slack-list-replies"),
                              {"channel": CHANNEL, "ts": "1482960137.003543", "limit": 2, "cursor": "bmV4dF90czoxNDg0Njc4MjkwNTE3MDkx"},
                              auth=AUTH)
    assert_slack_get(route.calls.last.request, "conversations.replies",
                     {"channel": CHANNEL, "ts": "1482960137.003543", "limit": "2", "cursor": "bmV4dF90czoxNDg0Njc4MjkwNTE3MDkx"})
    assert result.ret["next_cursor"] is None


async def test_get_channel_reads_its_info(catalog, respx_mock):
    route = respx_mock.get(f"{API}/conversations.info").mock(return_value=_ok(channel=_channel(CHANNEL, "general")))
    result = await run_action(catalog.action("slack-get-channel"), {"channel": CHANNEL}, auth=AUTH)
    assert result.error is None, result.error
    assert_slack_get(route.calls.last.request, "conversations.info", {"channel": CHANNEL, "include_num_members": "true"})
    assert result.ret["name"] == "general" and result.ret["topic"] == "general topic" and result.ret["num_members"] == 4
    assert "is_general" not in result.ret
    assert result.summary == f"Read general ({CHANNEL})"


async def test_get_channel_full_response_is_slacks_channel(catalog, respx_mock):
    respx_mock.get(f"{API}/conversations.info").mock(return_value=_ok(channel=_channel(CHANNEL, "general")))
    result = await run_action(catalog.action("slack-get-channel"), {"channel": CHANNEL, "fullResponse": True}, auth=AUTH)
    assert result.ret == _channel(CHANNEL, "general")


async def test_create_channel_sends_name_and_privacy(catalog, respx_mock):
    route = respx_mock.post(f"{API}/conversations.create").mock(
        return_value=_ok(channel=_channel("C0EAQDV4Z", "endeavor", private=True)))
    result = await run_action(catalog.action("slack-create-channel"), {"name": "#endeavor", "isPrivate": True}, auth=AUTH)
    assert result.error is None, result.error
    assert_slack_form(route.calls.last.request, "conversations.create", {"name": "endeavor", "is_private": "true"})
    assert result.ret["id"] == "C0EAQDV4Z" and result.ret["is_private"] is True
    assert result.summary == "Created private channel #endeavor (C0EAQDV4Z)"


async def test_create_channel_checks_the_name_and_explains_name_taken(catalog, respx_mock):
    bad = await run_action(catalog.action("slack-create-channel"), {"name": "Release Planning"}, auth=AUTH)
    assert "lowercase letters, digits, hyphens or underscores" in bad.error
    assert not respx_mock.calls
    respx_mock.post(f"{API}/conversations.create").mock(return_value=httpx.Response(200, json={"ok": False, "error": "name_taken"}))
    taken = await run_action(catalog.action("slack-create-channel"), {"name": "general"}, auth=AUTH)
    assert "`name_taken`" in taken.error and "pick another name" in taken.error


async def test_archive_channel(catalog, respx_mock):
    route = respx_mock.post(f"{API}/conversations.archive").mock(return_value=_ok())
    result = await run_action(catalog.action("slack-archive-channel"), {"channel": CHANNEL}, auth=AUTH)
    assert result.error is None, result.error
    assert_slack_form(route.calls.last.request, "conversations.archive", {"channel": CHANNEL})
    assert result.ret == {"channel": CHANNEL, "archived": True}
    assert result.summary == f"Archived channel {CHANNEL}"
    assert catalog.action("slack-archive-channel").annotations.destructive is True


async def test_invite_user_to_channel_sends_comma_separated_ids(catalog, respx_mock):
    route = respx_mock.post(f"{API}/conversations.invite").mock(return_value=_ok(channel=_channel(CHANNEL, "general")))
    result = await run_action(catalog.action("slack-invite-user-to-channel"),
                              {"channel": CHANNEL, "users": ["U024BE7LH", " W012A3CDE "]}, auth=AUTH)
    assert result.error is None, result.error
    assert_slack_form(route.calls.last.request, "conversations.invite", {"channel": CHANNEL, "users": "U024BE7LH,W012A3CDE"})
    assert result.ret["id"] == CHANNEL
    assert result.summary == "Invited 2 people to general"


async def test_invite_user_to_channel_explains_already_in_channel(catalog, respx_mock):
    respx_mock.post(f"{API}/conversations.invite").mock(
        return_value=httpx.Response(200, json={"ok": False, "error": "already_in_channel",
                                               "errors": [{"user": "U024BE7LH", "ok": False, "error": "already_in_channel"}]}))
    result = await run_action(catalog.action("slack-invite-user-to-channel"), {"channel": CHANNEL, "users": ["U024BE7LH"]}, auth=AUTH)
    assert "already a member of the channel" in result.error


async def test_join_channel_notes_an_existing_membership(catalog, respx_mock):
    route = respx_mock.post(f"{API}/conversations.join").mock(return_value=_ok(
        channel=_channel(CHANNEL, "general"), warning="already_in_channel",
        response_metadata={"warnings": ["already_in_channel"]}))
    result = await run_action(catalog.action("slack-join-channel"), {"channel": CHANNEL}, auth=AUTH)
    assert result.error is None, result.error
    assert_slack_form(route.calls.last.request, "conversations.join", {"channel": CHANNEL})
    assert result.ret["is_member"] is True
    assert result.summary == "Joined #general (already a member)"


async def test_set_channel_topic_and_description(catalog, respx_mock):
    topic = respx_mock.post(f"{API}/conversations.setTopic").mock(return_value=_ok(channel=_channel(CHANNEL, "general")))
    purpose = respx_mock.post(f"{API}/conversations.setPurpose").mock(return_value=_ok(channel=_channel(CHANNEL, "general")))
    first = await run_action(catalog.action("slack-set-channel-topic"), {"channel": CHANNEL, "topic": "Apply topically for best effects"}, auth=AUTH)
    assert first.error is None, first.error
    assert_slack_form(topic.calls.last.request, "conversations.setTopic", {"channel": CHANNEL, "topic": "Apply topically for best effects"})
    assert first.ret["topic"] == "general topic"
    assert first.summary == f"Set the topic of {CHANNEL}"
    second = await run_action(catalog.action("slack-set-channel-description"), {"channel": CHANNEL, "purpose": "My More Special Purpose"}, auth=AUTH)
    assert second.error is None, second.error
    assert_slack_form(purpose.calls.last.request, "conversations.setPurpose", {"channel": CHANNEL, "purpose": "My More Special Purpose"})
    assert second.summary == f"Set the description of {CHANNEL}"


async def test_list_members_in_channel_follows_the_cursor(catalog, respx_mock):
    route = respx_mock.get(f"{API}/conversations.members").mock(side_effect=[
        _ok(members=["U023BECGF", "U061F7AUR"], response_metadata={"next_cursor": "e3VzZXJfaWQ6IFcxMjM0NTY3fQ=="}),
        _ok(members=["W012A3CDE"], response_metadata={"next_cursor": ""}),
    ])
    result = await run_action(catalog.action("slack-list-members-in-channel"), {"channel": CHANNEL, "limit": 10}, auth=AUTH)
    assert result.error is None, result.error
    assert_slack_get(route.calls[0].request, "conversations.members", {"channel": CHANNEL, "limit": "10"})
    assert_slack_get(route.calls[1].request, "conversations.members",
                     {"channel": CHANNEL, "limit": "8", "cursor": "e3VzZXJfaWQ6IFcxMjM0NTY3fQ=="})
    assert result.ret == {"members": ["U023BECGF", "U061F7AUR", "W012A3CDE"], "next_cursor": None}
    assert result.summary == f"Listed 3 members of {CHANNEL}"


async def test_invite_offers_the_workspaces_people(catalog, respx_mock):
    respx_mock.get(f"{API}/users.list").mock(return_value=_ok(members=[_member("W012A3CDE", "spengler", "Egon Spengler")],
                                                              response_metadata={"next_cursor": ""}))
    response = await fetch_options(catalog.action("slack-invite-user-to-channel"), "users", {}, auth=AUTH)
    assert response["options"] == [{"label": "Egon Spengler (@spengler)", "value": "W012A3CDE"}]


async def test_not_in_channel_points_to_join_channel(catalog, respx_mock):
    respx_mock.get(f"{API}/conversations.history").mock(return_value=httpx.Response(200, json={"ok": False, "error": "not_in_channel"}))
    result = await run_action(catalog.action("slack-get-conversation-history"), {"channel": CHANNEL}, auth=AUTH)
    assert "`not_in_channel`" in result.error and "slack-join-channel" in result.error
