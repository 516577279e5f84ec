"""Slack messages beyond sending: scheduling, ephemeral messages, links, reactions, pins, bookmarks
and search paging. Answers are shaped like the Web API reference's examples (api.slack.com/methods)."""

import httpx

from mcp_gateway.runtime.engine import run_action
from tests.apps.test_slack import API, AUTH, CHANNEL, _message, assert_slack_form, assert_slack_get

# Methods of Slack's reference newer than the directory's description.
VENDOR_EXEMPT = {
    ("GET", "/bookmarks.list"): "bookmarks.* are in Slack's reference (api.slack.com/methods/bookmarks.list), not the description",
    ("POST", "/bookmarks.add"): "bookmarks.* are in Slack's reference (api.slack.com/methods/bookmarks.add), not the description",
}


def _ok(**fields):
    return httpx.Response(200, json={"ok": True, **fields})


async def test_schedule_message_converts_an_iso_time(catalog, respx_mock):
    route = respx_mock.post(f"{API}/chat.scheduleMessage").mock(return_value=_ok(
        channel=CHANNEL, scheduled_message_id="Q1298393284", post_at="1767261600",
        message={"text": "Here's a message for you in the future", "username": "ecto1", "bot_id": "B19LU7CSY", "type": "delayed_message", "subtype": "bot_message"},
    ))
    result = await run_action(catalog.action("slack-schedule-message"),
                              {"channel": CHANNEL, "text": "Here's a message for you in the future",
                               "postAt": "2026-01-01T11:00:00+01:00", "threadTs": "1503435900.000100", "replyBroadcast": False},
                              auth=AUTH)
    assert result.error is None, result.error
    assert_slack_form(route.calls.last.request, "chat.scheduleMessage", {
        "channel": CHANNEL, "text": "Here's a message for you in the future", "post_at": "1767261600",
        "thread_ts": "1503435900.000100", "reply_broadcast": "false"})
    assert result.ret["scheduled_message_id"] == "Q1298393284"
    assert result.ret["message"]["text"] == "Here's a message for you in the future"
    assert result.summary == f"Scheduled message Q1298393284 for {CHANNEL} at 1767261600"


async def test_schedule_message_refuses_a_time_without_offset(catalog, respx_mock):
    result = await run_action(catalog.action("slack-schedule-message"),
                              {"channel": CHANNEL, "text": "hi", "postAt": "2026-01-01 09:00"}, auth=AUTH)
    assert "ISO 8601 date-time with its offset" in result.error
    assert not respx_mock.calls


async def test_schedule_message_explains_time_in_past(catalog, respx_mock):
    respx_mock.post(f"{API}/chat.scheduleMessage").mock(return_value=httpx.Response(200, json={"ok": False, "error": "time_in_past"}))
    result = await run_action(catalog.action("slack-schedule-message"), {"channel": CHANNEL, "text": "hi", "postAt": "1"}, auth=AUTH)
    assert "`time_in_past`" in result.error and "give a future Unix time" in result.error


async def test_delete_scheduled_message(catalog, respx_mock):
    route = respx_mock.post(f"{API}/chat.deleteScheduledMessage").mock(return_value=_ok())
    result = await run_action(catalog.action("slack-delete-scheduled-message"),
                              {"channel": CHANNEL, "scheduledMessageId": "Q1298393284"}, auth=AUTH)
    assert result.error is None, result.error
    assert_slack_form(route.calls.last.request, "chat.deleteScheduledMessage",
                      {"channel": CHANNEL, "scheduled_message_id": "Q1298393284"})
    assert result.ret == {"channel": CHANNEL, "scheduled_message_id": "Q1298393284", "deleted": True}
    assert result.summary == f"Cancelled scheduled message Q1298393284 in {CHANNEL}"


async def test_send_ephemeral_message(catalog, respx_mock):
    route = respx_mock.post(f"{API}/chat.postEphemeral").mock(return_value=_ok(message_ts="1502210682.580145"))
    result = await run_action(catalog.action("slack-send-ephemeral-message"),
                              {"channel": CHANNEL, "user": "U0BPQUNTA", "text": "Only you can see this", "threadTs": "1502210600.000100"},
                              auth=AUTH)
    assert result.error is None, result.error
    assert_slack_form(route.calls.last.request, "chat.postEphemeral",
                      {"channel": CHANNEL, "user": "U0BPQUNTA", "text": "Only you can see this", "thread_ts": "1502210600.000100"})
    assert result.ret == {"channel": CHANNEL, "user": "U0BPQUNTA", "message_ts": "1502210682.580145"}
    assert result.summary == f"Showed a message to U0BPQUNTA in {CHANNEL}"


async def test_get_message_permalink(catalog, respx_mock):
    link = "https://ghostbusters.slack.com/archives/C1H9RESGA/p135854651500008"
    route = respx_mock.get(f"{API}/chat.getPermalink").mock(return_value=_ok(channel="C1H9RESGA", permalink=link))
    result = await run_action(catalog.action("slack-get-message-permalink"),
                              {"channel": "C1H9RESGA", "messageTs": "1358546515.000008"}, auth=AUTH)
    assert result.error is None, result.error
    assert_slack_get(route.calls.last.request, "chat.getPermalink", {"channel": "C1H9RESGA", "message_ts": "1358546515.000008"})
    assert result.ret == {"channel": "C1H9RESGA", "ts": "1358546515.000008", "permalink": link}


async def test_remove_reaction(catalog, respx_mock):
    route = respx_mock.post(f"{API}/reactions.remove").mock(return_value=_ok())
    result = await run_action(catalog.action("slack-remove-reaction"),
                              {"channel": CHANNEL, "timestamp": "1234567890.123456", "name": ":eyes:"}, auth=AUTH)
    assert result.error is None, result.error
    assert_slack_form(route.calls.last.request, "reactions.remove",
                      {"channel": CHANNEL, "timestamp": "1234567890.123456", "name": "eyes"})
    assert result.ret["removed"] is True
    assert result.summary == f"Removed :eyes: from message 1234567890.123456 in {CHANNEL}"


async def test_remove_reaction_explains_no_reaction(catalog, respx_mock):
    respx_mock.post(f"{API}/reactions.remove").mock(return_value=httpx.Response(200, json={"ok": False, "error": "no_reaction"}))
    result = await run_action(catalog.action("slack-remove-reaction"),
                              {"channel": CHANNEL, "timestamp": "1234567890.123456", "name": "eyes"}, auth=AUTH)
    assert "has not added that reaction" in result.error


async def test_pin_and_unpin_message(catalog, respx_mock):
    pin = respx_mock.post(f"{API}/pins.add").mock(return_value=_ok())
    unpin = respx_mock.post(f"{API}/pins.remove").mock(return_value=_ok())
    pinned = await run_action(catalog.action("slack-pin-message"), {"channel": CHANNEL, "timestamp": "1234567890.123456"}, auth=AUTH)
    assert pinned.error is None, pinned.error
    assert_slack_form(pin.calls.last.request, "pins.add", {"channel": CHANNEL, "timestamp": "1234567890.123456"})
    assert pinned.summary == f"Pinned message 1234567890.123456 in {CHANNEL}"
    unpinned = await run_action(catalog.action("slack-unpin-message"), {"channel": CHANNEL, "timestamp": "1234567890.123456"}, auth=AUTH)
    assert unpinned.error is None, unpinned.error
    assert_slack_form(unpin.calls.last.request, "pins.remove", {"channel": CHANNEL, "timestamp": "1234567890.123456"})
    assert unpinned.ret == {"channel": CHANNEL, "timestamp": "1234567890.123456", "pinned": False}


async def test_list_pinned_messages_summarises_messages_and_files(catalog, respx_mock):
    route = respx_mock.get(f"{API}/pins.list").mock(return_value=_ok(items=[
        {"channel": CHANNEL, "created": 1508881078, "created_by": "U061F7AUR", "type": "message",
         "message": {**_message("1508880991.000144", "Test message"), "permalink": "https://example.slack.com/archives/C0123ABCDEF/p1508880991000144",
                     "pinned_to": [CHANNEL]}},
        {"channel": CHANNEL, "created": 1508881087, "created_by": "U061F7AUR", "type": "file",
         "file": {"id": "F7PKF3NTW", "name": "notes.txt", "title": "Notes", "filetype": "text", "size": 12, "user": "U061F7AUR"}},
    ]))
    result = await run_action(catalog.action("slack-list-pinned-messages"), {"channel": CHANNEL}, auth=AUTH)
    assert result.error is None, result.error
    assert_slack_get(route.calls.last.request, "pins.list", {"channel": CHANNEL})
    assert result.ret["items"][0]["message"]["text"] == "Test message"
    assert result.ret["items"][1]["type"] == "file" and result.ret["items"][1]["file"]["id"] == "F7PKF3NTW"
    assert result.summary == f"Listed 2 pinned items in {CHANNEL}"


BOOKMARK = {"id": "Bk033XFJ9BTJ", "channel_id": CHANNEL, "title": "bookmark-1", "link": "https://google.com", "emoji": ":clap:",
            "icon_url": "https://www.google.com/favicon.ico", "type": "link", "entity_id": None, "date_created": 1644956055,
            "date_updated": 0, "rank": "g", "last_updated_by_user_id": "U0334B6G6G5", "last_updated_by_team_id": "T018DF03GHY",
            "shortcut_id": None, "app_id": None}


async def test_add_and_list_bookmarks(catalog, respx_mock):
    add = respx_mock.post(f"{API}/bookmarks.add").mock(return_value=_ok(bookmark=BOOKMARK))
    listed = respx_mock.get(f"{API}/bookmarks.list").mock(return_value=_ok(bookmarks=[BOOKMARK]))
    added = await run_action(catalog.action("slack-add-bookmark"),
                             {"channel": CHANNEL, "title": "bookmark-1", "link": "https://google.com", "emoji": ":clap:"}, auth=AUTH)
    assert added.error is None, added.error
    assert_slack_form(add.calls.last.request, "bookmarks.add",
                      {"channel_id": CHANNEL, "title": "bookmark-1", "type": "link", "link": "https://google.com", "emoji": ":clap:"})
    assert added.ret == {"id": "Bk033XFJ9BTJ", "channel_id": CHANNEL, "title": "bookmark-1", "link": "https://google.com",
                         "emoji": ":clap:", "type": "link", "date_created": 1644956055}
    assert added.summary == f"Bookmarked 'bookmark-1' in {CHANNEL} (Bk033XFJ9BTJ)"
    page = await run_action(catalog.action("slack-list-bookmarks"), {"channel": CHANNEL}, auth=AUTH)
    assert_slack_get(listed.calls.last.request, "bookmarks.list", {"channel_id": CHANNEL})
    assert [b["id"] for b in page.ret["bookmarks"]] == ["Bk033XFJ9BTJ"]
    assert page.summary == f"Listed 1 bookmark in {CHANNEL}"


async def test_add_bookmark_needs_a_full_url(catalog, respx_mock):
    result = await run_action(catalog.action("slack-add-bookmark"), {"channel": CHANNEL, "title": "x", "link": "example.com"}, auth=AUTH)
    assert "full URL" in result.error
    assert not respx_mock.calls


def _search_page(page, pages):
    return _ok(query="deploy", messages={
        "matches": [{"channel": {"id": "C12345678", "name": "general"}, "iid": "cb64bdaa-c1e8-4631-8a91-0f78080113e9",
                     "permalink": "https://hitchhikers.slack.com/archives/C12345678/p1508284197000015", "team": "T12345678",
                     "text": f"deploy {page}", "ts": "1508284197.000015", "type": "message", "user": "U2U85N1RV", "username": "roach"}],
        "paging": {"count": 1, "page": page, "pages": pages, "total": pages},
        "total": pages,
    })


async def test_find_message_pages_with_the_cursor(catalog, respx_mock):
    route = respx_mock.get(f"{API}/search.messages").mock(side_effect=[_search_page(1, 2), _search_page(2, 2)])
    first = await run_action(catalog.action("slack-find-message"), {"query": "deploy", "limit": 1}, auth=AUTH)
    assert first.error is None, first.error
    assert first.ret["next_cursor"] == "2:1"
    second = await run_action(catalog.action("slack-find-message"),
                              {"query": "deploy", "limit": 50, "cursor": first.ret["next_cursor"]}, auth=AUTH)
    assert_slack_get(route.calls[1].request, "search.messages",
                     {"query": "deploy", "sort": "score", "sort_dir": "desc", "count": "1", "page": "2"})
    assert second.ret["messages"][0]["text"] == "deploy 2"
    assert second.ret["next_cursor"] is None


async def test_find_message_refuses_a_foreign_cursor(catalog, respx_mock):
    result = await run_action(catalog.action("slack-find-message"), {"query": "deploy", "cursor": "dGVhbTpD"}, auth=AUTH)
    assert "next_cursor` of a previous slack-find-message result" in result.error
    assert not respx_mock.calls


async def test_list_scheduled_messages(catalog, respx_mock):
    scheduled = {"id": "1298393284", "channel_id": "C1H9RESGL", "post_at": 1551991428, "date_created": 1551891734,
                 "text": "Here's a message for you in the future"}
    route = respx_mock.get(f"{API}/chat.scheduledMessages.list").mock(
        return_value=_ok(scheduled_messages=[scheduled], response_metadata={"next_cursor": ""}))
    result = await run_action(catalog.action("slack-list-scheduled-messages"), {"channel": "C1H9RESGL", "limit": 10}, auth=AUTH)
    assert result.error is None, result.error
    assert_slack_get(route.calls.last.request, "chat.scheduledMessages.list", {"channel": "C1H9RESGL", "limit": "10"})
    assert result.ret == {"scheduled_messages": [scheduled], "next_cursor": None}
    assert result.summary == "Listed 1 scheduled message"


async def test_open_conversation_returns_the_dm_channel(catalog, respx_mock):
    route = respx_mock.post(f"{API}/conversations.open").mock(
        return_value=_ok(no_op=True, already_open=True, channel={"id": "D069C7QFK"}))
    result = await run_action(catalog.action("slack-open-conversation"), {"users": ["W1234567890"]}, auth=AUTH)
    assert result.error is None, result.error
    assert_slack_form(route.calls.last.request, "conversations.open", {"users": "W1234567890"})
    assert result.ret == {"channel": "D069C7QFK", "users": ["W1234567890"], "already_open": True}
    assert result.summary == "Opened conversation D069C7QFK with W1234567890 (already open)"
