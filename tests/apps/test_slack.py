import json

import httpx

from mcp_gateway.runtime.engine import fetch_options, run_action

# Operations of Slack's reference newer than the directory's description.
VENDOR_EXEMPT = {
    ("POST", "/files.getUploadURLExternal"): "Slack's upload flow since 2024",
    ("POST", "/files.completeUploadExternal"): "Slack's upload flow since 2024",
}

API = "https://slack.com/api"
AUTH = {"oauth_access_token": "gho_test_token"}
CHANNEL = "C0123ABCDEF"


def assert_slack_get(request, method, params, token="gho_test_token"):
    assert request.method == "GET"
    assert str(request.url.copy_with(query=None)) == f"{API}/{method}"
    assert dict(request.url.params.multi_items()) == params
    assert request.headers["authorization"] == f"Bearer {token}"


def assert_slack_post(request, method, body):
    assert request.method == "POST"
    assert str(request.url) == f"{API}/{method}"
    assert request.headers["authorization"] == "Bearer gho_test_token"
    assert request.headers["content-type"] == "application/json; charset=utf-8"
    assert json.loads(request.content) == body


def assert_slack_form(request, method, form):
    assert request.method == "POST"
    assert str(request.url) == f"{API}/{method}"
    assert request.headers["authorization"] == "Bearer gho_test_token"
    assert request.headers["content-type"] == "application/x-www-form-urlencoded"
    assert dict(httpx.QueryParams(request.content.decode())) == form


def _message(ts, text, user="U061F7AUR", **extra):
    return {"type": "message", "user": user, "text": text, "ts": ts, "team": "T061EG9R6", **extra}


def _channel(channel_id, name, *, private=False, member=True):
    return {
        "id": channel_id,
        "name": name,
        "is_channel": not private,
        "is_group": private,
        "is_im": False,
        "is_mpim": False,
        "is_private": private,
        "created": 1449252889,
        "is_archived": False,
        "is_general": name == "general",
        "unlinked": 0,
        "name_normalized": name,
        "is_shared": False,
        "is_org_shared": False,
        "is_ext_shared": False,
        "is_pending_ext_shared": False,
        "pending_shared": [],
        "context_team_id": "T061EG9R6",
        "updated": 1678229664302,
        "parent_conversation": None,
        "creator": "U061F7AUR",
        "is_member": member,
        "topic": {"value": f"{name} topic", "creator": "U061F7AUR", "last_set": 1449709364},
        "purpose": {"value": f"{name} purpose", "creator": "U061F7AUR", "last_set": 1449709334},
        "previous_names": [],
        "num_members": 4,
    }


def _im(channel_id, user):
    return {
        "id": channel_id,
        "created": 1518645200,
        "is_archived": False,
        "is_im": True,
        "is_org_shared": False,
        "context_team_id": "T061EG9R6",
        "updated": 1678229664302,
        "user": user,
        "is_user_deleted": False,
        "priority": 0,
    }


def _member(user_id, name, real_name, *, deleted=False):
    return {
        "id": user_id,
        "team_id": "T061EG9R6",
        "name": name,
        "deleted": deleted,
        "color": "9f69e7",
        "real_name": real_name,
        "tz": "America/Los_Angeles",
        "tz_label": "Pacific Daylight Time",
        "tz_offset": -25200,
        "profile": {
            "avatar_hash": "ge3b51ca72de",
            "status_text": "Print is dead",
            "status_emoji": ":books:",
            "real_name": real_name,
            "display_name": name,
            "real_name_normalized": real_name,
            "display_name_normalized": name,
            "email": f"{name}@ghostbusters.example.com",
            "title": "Spectral researcher",
            "team": "T061EG9R6",
        },
        "is_admin": True,
        "is_owner": False,
        "is_primary_owner": False,
        "is_restricted": False,
        "is_ultra_restricted": False,
        "is_bot": False,
        "updated": 1502138686,
        "is_app_user": False,
        "has_2fa": False,
    }


# Actions


async def test_send_message_posts_json_with_thread_options(catalog, respx_mock):
    route = respx_mock.post(f"{API}/chat.postMessage").mock(
        return_value=httpx.Response(
            200,
            json={
                "ok": True,
                "channel": CHANNEL,
                "ts": "1503435956.000247",
                "message": _message("1503435956.000247", "Deploy *done*", thread_ts="1503435900.000100"),
            },
        )
    )
    result = await run_action(
        catalog.action("slack-send-message"),
        {
            "channel": CHANNEL,
            "text": "Deploy *done*",
            "threadTs": "1503435900.000100",
            "replyBroadcast": True,
            "unfurlLinks": False,
            "mrkdwn": False,
        },
        auth=AUTH,
    )
    assert result.error is None
    assert_slack_post(
        route.calls.last.request,
        "chat.postMessage",
        {
            "channel": CHANNEL,
            "text": "Deploy *done*",
            "thread_ts": "1503435900.000100",
            "reply_broadcast": True,
            "unfurl_links": False,
            "mrkdwn": False,
        },
    )
    assert result.ret["channel"] == CHANNEL
    assert result.ret["ts"] == "1503435956.000247"
    assert result.ret["message"]["text"] == "Deploy *done*"
    assert result.ret["message"]["thread_ts"] == "1503435900.000100"
    assert result.summary == f"Sent a message to thread 1503435900.000100 in {CHANNEL} (ts 1503435956.000247)"


async def test_send_message_sends_only_channel_and_text_by_default(catalog, respx_mock):
    route = respx_mock.post(f"{API}/chat.postMessage").mock(
        return_value=httpx.Response(200, json={"ok": True, "channel": CHANNEL, "ts": "1503435956.000300", "message": _message("1503435956.000300", "hi")})
    )
    result = await run_action(catalog.action("slack-send-message"), {"channel": CHANNEL, "text": "hi"}, auth=AUTH)
    assert result.error is None
    assert_slack_post(route.calls.last.request, "chat.postMessage", {"channel": CHANNEL, "text": "hi"})
    assert result.summary == f"Sent a message to {CHANNEL} (ts 1503435956.000300)"


async def test_update_message_replaces_the_text(catalog, respx_mock):
    route = respx_mock.post(f"{API}/chat.update").mock(
        return_value=httpx.Response(
            200,
            json={
                "ok": True,
                "channel": CHANNEL,
                "ts": "1401383885.000061",
                "text": "Updated text you carefully authored",
                "message": {"text": "Updated text you carefully authored", "user": "U34567890"},
            },
        )
    )
    result = await run_action(
        catalog.action("slack-update-message"),
        {"channel": CHANNEL, "ts": "1401383885.000061", "text": "Updated text you carefully authored"},
        auth=AUTH,
    )
    assert result.error is None
    assert_slack_post(
        route.calls.last.request,
        "chat.update",
        {"channel": CHANNEL, "ts": "1401383885.000061", "text": "Updated text you carefully authored"},
    )
    assert result.ret == {"channel": CHANNEL, "ts": "1401383885.000061", "text": "Updated text you carefully authored"}
    assert result.summary == f"Updated message 1401383885.000061 in {CHANNEL}"


async def test_delete_message_deletes_by_channel_and_ts(catalog, respx_mock):
    route = respx_mock.post(f"{API}/chat.delete").mock(
        return_value=httpx.Response(200, json={"ok": True, "channel": CHANNEL, "ts": "1401383885.000061"})
    )
    result = await run_action(catalog.action("slack-delete-message"), {"channel": CHANNEL, "ts": "1401383885.000061"}, auth=AUTH)
    assert result.error is None
    assert_slack_post(route.calls.last.request, "chat.delete", {"channel": CHANNEL, "ts": "1401383885.000061"})
    assert result.ret == {"channel": CHANNEL, "ts": "1401383885.000061", "deleted": True}
    assert result.summary == f"Deleted message 1401383885.000061 from {CHANNEL}"
    assert catalog.action("slack-delete-message").annotations.destructive is True


async def test_list_channels_lists_one_page_and_returns_the_cursor(catalog, respx_mock):
    route = respx_mock.get(f"{API}/conversations.list").mock(
        return_value=httpx.Response(
            200,
            json={
                "ok": True,
                "channels": [_channel(CHANNEL, "general"), _channel("G0AKFJBEU", "secret-plans", private=True, member=False)],
                "response_metadata": {"next_cursor": "dGVhbTpDMDYxRkE1UEI="},
            },
        )
    )
    result = await run_action(catalog.action("slack-list-channels"), {"limit": 2}, auth=AUTH)
    assert result.error is None
    assert route.call_count == 1
    assert_slack_get(
        route.calls.last.request,
        "conversations.list",
        {"types": "public_channel,private_channel", "exclude_archived": "true", "limit": "2"},
    )
    assert result.ret["next_cursor"] == "dGVhbTpDMDYxRkE1UEI="
    assert [c["id"] for c in result.ret["channels"]] == [CHANNEL, "G0AKFJBEU"]
    assert result.ret["channels"][1] == {
        "id": "G0AKFJBEU",
        "name": "secret-plans",
        "is_private": True,
        "is_archived": False,
        "is_member": False,
        "is_im": False,
        "is_mpim": False,
        "user": None,
        "topic": "secret-plans topic",
        "purpose": "secret-plans purpose",
        "num_members": 4,
        "created": 1449252889,
    }
    assert result.summary == "Listed 2 conversations (more available)"


async def test_list_channels_follows_slacks_pages_until_the_limit(catalog, respx_mock):
    # Slack may answer with fewer channels than asked (archived ones are dropped after paging).
    route = respx_mock.get(f"{API}/conversations.list").mock(
        side_effect=[
            httpx.Response(200, json={"ok": True, "channels": [_channel(CHANNEL, "general")],
                                      "response_metadata": {"next_cursor": "dGVhbTpDMDYxRkE1UEI="}}),
            httpx.Response(200, json={"ok": True, "channels": [_channel("C0G9QF9GW", "random")],
                                      "response_metadata": {"next_cursor": "dGVhbTpDMDYxRkE1UEL="}}),
        ]
    )
    result = await run_action(catalog.action("slack-list-channels"), {"limit": 2}, auth=AUTH)
    assert result.error is None
    base = {"types": "public_channel,private_channel", "exclude_archived": "true"}
    assert_slack_get(route.calls[0].request, "conversations.list", {**base, "limit": "2"})
    assert_slack_get(route.calls[1].request, "conversations.list", {**base, "limit": "1", "cursor": "dGVhbTpDMDYxRkE1UEI="})
    assert [c["name"] for c in result.ret["channels"]] == ["general", "random"]
    assert result.ret["next_cursor"] == "dGVhbTpDMDYxRkE1UEL="


async def test_list_channels_passes_types_archived_and_cursor(catalog, respx_mock):
    route = respx_mock.get(f"{API}/conversations.list").mock(
        return_value=httpx.Response(200, json={"ok": True, "channels": [_im("D0C0F7S8Y", "U0BS9U4SV")], "response_metadata": {"next_cursor": ""}})
    )
    result = await run_action(
        catalog.action("slack-list-channels"),
        {"types": ["im"], "excludeArchived": False, "limit": 5, "cursor": "dGVhbTpDMDYxRkE1UEI="},
        auth=AUTH,
    )
    assert result.error is None
    assert_slack_get(
        route.calls.last.request,
        "conversations.list",
        {"types": "im", "exclude_archived": "false", "limit": "5", "cursor": "dGVhbTpDMDYxRkE1UEI="},
    )
    assert result.ret["next_cursor"] is None
    assert result.ret["channels"][0]["user"] == "U0BS9U4SV"
    assert result.summary == "Listed 1 conversation"


async def test_list_channels_full_response_keeps_slacks_objects(catalog, respx_mock):
    respx_mock.get(f"{API}/conversations.list").mock(
        return_value=httpx.Response(200, json={"ok": True, "channels": [_channel(CHANNEL, "general")], "response_metadata": {"next_cursor": ""}})
    )
    result = await run_action(catalog.action("slack-list-channels"), {"fullResponse": True}, auth=AUTH)
    assert result.ret == {"channels": [_channel(CHANNEL, "general")], "next_cursor": None}


async def test_list_channels_refuses_unknown_types(catalog, respx_mock):
    result = await run_action(catalog.action("slack-list-channels"), {"types": ["public_channel", "dm"]}, auth=AUTH)
    assert "types must be one or more of" in result.error
    assert not respx_mock.calls


async def test_find_user_by_email_returns_the_user(catalog, respx_mock):
    route = respx_mock.get(f"{API}/users.lookupByEmail").mock(
        return_value=httpx.Response(200, json={"ok": True, "user": _member("W012A3CDE", "spengler", "Egon Spengler")})
    )
    result = await run_action(
        catalog.action("slack-find-user-by-email"), {"email": " spengler@ghostbusters.example.com "}, auth=AUTH
    )
    assert result.error is None
    assert_slack_get(route.calls.last.request, "users.lookupByEmail", {"email": "spengler@ghostbusters.example.com"})
    assert result.ret == {
        "id": "W012A3CDE",
        "team_id": "T061EG9R6",
        "name": "spengler",
        "real_name": "Egon Spengler",
        "display_name": "spengler",
        "email": "spengler@ghostbusters.example.com",
        "title": "Spectral researcher",
        "tz": "America/Los_Angeles",
        "status_text": "Print is dead",
        "is_bot": False,
        "is_admin": True,
        "deleted": False,
    }
    assert result.summary == "Found Egon Spengler (W012A3CDE) for spengler@ghostbusters.example.com"


async def test_find_user_by_email_explains_users_not_found(catalog, respx_mock):
    respx_mock.get(f"{API}/users.lookupByEmail").mock(return_value=httpx.Response(200, json={"ok": False, "error": "users_not_found"}))
    result = await run_action(catalog.action("slack-find-user-by-email"), {"email": "nobody@example.com"}, auth=AUTH)
    assert result.ret is None
    assert "`users_not_found`" in result.error
    assert "no user in this workspace has that email address" in result.error


async def test_add_reaction_strips_colons_from_the_emoji(catalog, respx_mock):
    route = respx_mock.post(f"{API}/reactions.add").mock(return_value=httpx.Response(200, json={"ok": True}))
    result = await run_action(
        catalog.action("slack-add-reaction"),
        {"channel": CHANNEL, "timestamp": "1234567890.123456", "name": ":thumbsup:"},
        auth=AUTH,
    )
    assert result.error is None
    assert_slack_post(
        route.calls.last.request,
        "reactions.add",
        {"channel": CHANNEL, "timestamp": "1234567890.123456", "name": "thumbsup"},
    )
    assert result.ret == {"channel": CHANNEL, "timestamp": "1234567890.123456", "name": "thumbsup", "added": True}
    assert result.summary == f"Added :thumbsup: to message 1234567890.123456 in {CHANNEL}"


async def test_get_conversation_history_passes_the_time_range(catalog, respx_mock):
    route = respx_mock.get(f"{API}/conversations.history").mock(
        return_value=httpx.Response(
            200,
            json={
                "ok": True,
                "messages": [
                    _message("1512104434.000490", "I find you punny and would like to smell your nose letter", reactions=[{"name": "laughing", "users": ["U061F7AUR"], "count": 1}]),
                    _message("1512085950.000216", "What, you want to smell my shoes better?", user="U0G9QF9C6", thread_ts="1512085950.000216", reply_count=2),
                ],
                "has_more": True,
                "pin_count": 0,
                "response_metadata": {"next_cursor": "bmV4dF90czoxNTEyMDg1ODYxMDAwNTQz"},
            },
        )
    )
    result = await run_action(
        catalog.action("slack-get-conversation-history"),
        {"channel": CHANNEL, "limit": 2, "oldest": "1512085000", "latest": "1512105000.000000", "inclusive": True},
        auth=AUTH,
    )
    assert result.error is None
    assert_slack_get(
        route.calls.last.request,
        "conversations.history",
        {"channel": CHANNEL, "limit": "2", "oldest": "1512085000", "latest": "1512105000.000000", "inclusive": "true"},
    )
    assert result.ret["next_cursor"] == "bmV4dF90czoxNTEyMDg1ODYxMDAwNTQz"
    assert result.ret["messages"][0] == {
        "ts": "1512104434.000490",
        "user": "U061F7AUR",
        "text": "I find you punny and would like to smell your nose letter",
        "type": "message",
        "reactions": [{"name": "laughing", "count": 1}],
    }
    assert result.ret["messages"][1]["reply_count"] == 2
    assert result.summary == f"Retrieved 2 messages from {CHANNEL} (more available)"


async def test_find_message_searches_with_a_from_filter(catalog, respx_mock):
    route = respx_mock.get(f"{API}/search.messages").mock(
        return_value=httpx.Response(
            200,
            json={
                "ok": True,
                "query": "meaning of life from:<@U2U85N1RV>",
                "messages": {
                    "matches": [
                        {
                            "channel": {"id": "C12345678", "is_ext_shared": False, "is_mpim": False, "is_org_shared": False, "is_pending_ext_shared": False, "is_private": False, "is_shared": False, "name": "general", "pending_shared": []},
                            "iid": "cb64bdaa-c1e8-4631-8a91-0f78080113e9",
                            "permalink": "https://hitchhikers.slack.com/archives/C12345678/p1508284197000015",
                            "team": "T12345678",
                            "text": "The meaning of life is 42.",
                            "ts": "1508284197.000015",
                            "type": "message",
                            "user": "U2U85N1RV",
                            "username": "roach",
                        }
                    ],
                    "pagination": {"first": 1, "last": 1, "page": 1, "page_count": 1, "per_page": 20, "total_count": 1},
                    "paging": {"count": 20, "page": 1, "pages": 1, "total": 1},
                    "total": 1,
                },
            },
        )
    )
    result = await run_action(
        catalog.action("slack-find-message"),
        {"query": "meaning of life", "fromUser": "U2U85N1RV", "sort": "timestamp", "sortDir": "asc"},
        auth=AUTH,
    )
    assert result.error is None
    assert_slack_get(
        route.calls.last.request,
        "search.messages",
        {"query": "meaning of life from:<@U2U85N1RV>", "sort": "timestamp", "sort_dir": "asc", "count": "25", "page": "1"},
    )
    assert result.ret == {
        "total": 1,
        "next_cursor": None,
        "messages": [
            {
                "channel_id": "C12345678",
                "channel_name": "general",
                "ts": "1508284197.000015",
                "user": "U2U85N1RV",
                "username": "roach",
                "text": "The meaning of life is 42.",
                "permalink": "https://hitchhikers.slack.com/archives/C12345678/p1508284197000015",
            }
        ],
    }
    assert result.summary == "Found 1 message matching 'meaning of life from:<@U2U85N1RV>', returned 1"


# Remote options


async def test_conversation_options_follow_the_cursor(catalog, respx_mock):
    route = respx_mock.get(f"{API}/conversations.list").mock(
        side_effect=[
            httpx.Response(
                200,
                json={
                    "ok": True,
                    "channels": [_channel(CHANNEL, "general"), _channel("G0AKFJBEU", "secret-plans", private=True)],
                    "response_metadata": {"next_cursor": "dXNlcjpVMEc5V0ZYTlo="},
                },
            ),
            httpx.Response(200, json={"ok": True, "channels": [_im("D0C0F7S8Y", "U0BS9U4SV")], "response_metadata": {"next_cursor": ""}}),
        ]
    )
    action = catalog.action("slack-send-message")
    first = await fetch_options(action, "channel", {}, auth=AUTH)
    assert first["errors"] == []
    assert first["options"] == [
        {"label": "#general", "value": CHANNEL},
        {"label": "private #secret-plans", "value": "G0AKFJBEU"},
    ]
    assert first["context"] == {"cursor": "dXNlcjpVMEc5V0ZYTlo="}
    base = {"types": "public_channel,private_channel,mpim,im", "exclude_archived": "true", "limit": "200"}
    assert_slack_get(route.calls[0].request, "conversations.list", base)

    second = await fetch_options(action, "channel", {}, auth=AUTH, page=1, prev_context=first["context"])
    assert second["options"] == [{"label": "Direct message with U0BS9U4SV", "value": "D0C0F7S8Y"}]
    assert second["context"] is None
    assert_slack_get(route.calls[1].request, "conversations.list", {**base, "cursor": "dXNlcjpVMEc5V0ZYTlo="})


async def test_conversation_options_stop_after_the_last_page(catalog, respx_mock):
    response = await fetch_options(catalog.action("slack-send-message"), "channel", {}, auth=AUTH, page=2, prev_context={})
    assert response["options"] == []
    assert response["context"] is None
    assert not respx_mock.calls


async def test_user_options_skip_deactivated_people(catalog, respx_mock):
    route = respx_mock.get(f"{API}/users.list").mock(
        return_value=httpx.Response(
            200,
            json={
                "ok": True,
                "members": [
                    _member("W012A3CDE", "spengler", "Egon Spengler"),
                    _member("W07QCRPA4", "glinda", "Glinda Southgood", deleted=True),
                ],
                "cache_ts": 1498777272,
                "response_metadata": {"next_cursor": "dXNlcjpVMEc5V0ZYTlo="},
            },
        )
    )
    response = await fetch_options(catalog.action("slack-find-message"), "fromUser", {}, auth=AUTH)
    assert response["errors"] == []
    assert response["options"] == [{"label": "Egon Spengler (@spengler)", "value": "W012A3CDE"}]
    assert response["context"] == {"cursor": "dXNlcjpVMEc5V0ZYTlo="}
    assert_slack_get(route.calls.last.request, "users.list", {"limit": "200"})


async def test_options_report_slack_errors(catalog, respx_mock):
    respx_mock.get(f"{API}/conversations.list").mock(
        return_value=httpx.Response(200, json={"ok": False, "error": "missing_scope", "needed": "mpim:read", "provided": "channels:read"})
    )
    response = await fetch_options(catalog.action("slack-send-message"), "channel", {}, auth=AUTH)
    assert response["options"] == []
    assert len(response["errors"]) == 1
    assert "`missing_scope`" in response["errors"][0]
    assert "needed scope: mpim:read" in response["errors"][0]


# Errors, auth and rate limits


async def test_an_ok_false_answer_becomes_a_clear_error(catalog, respx_mock):
    respx_mock.post(f"{API}/chat.postMessage").mock(return_value=httpx.Response(200, json={"ok": False, "error": "channel_not_found"}))
    result = await run_action(catalog.action("slack-send-message"), {"channel": "C_BOGUS", "text": "hi"}, auth=AUTH)
    assert result.ret is None
    assert result.exports == {}
    assert result.error.startswith("Slack chat.postMessage failed with `channel_not_found`")
    assert "list channels to find a valid ID" in result.error
    assert result.os[-1]["k"] == "error"


async def test_invalid_arguments_include_slacks_details(catalog, respx_mock):
    respx_mock.post(f"{API}/chat.update").mock(
        return_value=httpx.Response(
            200,
            json={"ok": False, "error": "invalid_arguments", "response_metadata": {"messages": ["[ERROR] missing required field: ts"]}},
        )
    )
    result = await run_action(catalog.action("slack-update-message"), {"channel": CHANNEL, "ts": "", "text": "x"}, auth=AUTH)
    assert "`invalid_arguments`" in result.error
    assert "[ERROR] missing required field: ts" in result.error


async def test_a_401_refreshes_the_token_and_retries(catalog, respx_mock):
    route = respx_mock.post(f"{API}/reactions.add").mock(
        side_effect=[httpx.Response(401, json={"ok": False, "error": "invalid_auth"}), httpx.Response(200, json={"ok": True})]
    )
    calls = []

    async def refresh():
        calls.append(1)
        return {"Authorization": "Bearer xoxp-refreshed"}

    result = await run_action(
        catalog.action("slack-add-reaction"),
        {"channel": CHANNEL, "timestamp": "1234567890.123456", "name": "eyes"},
        auth=AUTH,
        on_unauthorized=refresh,
    )
    assert result.error is None
    assert calls == [1]
    assert route.call_count == 2
    assert route.calls[0].request.headers["authorization"] == "Bearer gho_test_token"
    assert route.calls[1].request.headers["authorization"] == "Bearer xoxp-refreshed"
    assert json.loads(route.calls[1].request.content) == {"channel": CHANNEL, "timestamp": "1234567890.123456", "name": "eyes"}


async def test_a_429_says_when_to_retry(catalog, respx_mock):
    respx_mock.get(f"{API}/conversations.history").mock(
        return_value=httpx.Response(429, json={"ok": False, "error": "ratelimited"}, headers={"Retry-After": "42"})
    )
    result = await run_action(catalog.action("slack-get-conversation-history"), {"channel": CHANNEL}, auth=AUTH)
    assert result.ret is None
    assert "retry after 42 s" in result.error


async def test_a_non_json_answer_is_reported_plainly(catalog, respx_mock):
    respx_mock.get(f"{API}/users.lookupByEmail").mock(return_value=httpx.Response(200, text="<html>Service Unavailable</html>"))
    result = await run_action(catalog.action("slack-find-user-by-email"), {"email": "a@example.com"}, auth=AUTH)
    assert result.error.startswith("Slack users.lookupByEmail answered with something other than JSON")
    assert "Service Unavailable" in result.error


# Uploads (files.getUploadURLExternal, the upload URL, files.completeUploadExternal)

UPLOAD_URL = "https://files.slack.com/upload/v1/CwABAAAAXAoAAZnKg2Ae2JXGCgACAXOt1p0nogYMAAMLAAEAAAAKRjA0NjZMUkQ1VwAA"
FILE_ID = "F0466LRD5W"


def _uploaded_file(title):
    return {"id": FILE_ID, "created": 1669752431, "timestamp": 1669752431, "name": "report.csv", "title": title,
            "mimetype": "text/csv", "filetype": "csv", "pretty_type": "CSV", "user": "U061F7AUR", "size": 19,
            "mode": "hosted", "is_external": False, "is_public": True, "public_url_shared": False,
            "url_private": f"https://files.slack.com/files-pri/T061EG9R6-{FILE_ID}/report.csv",
            "permalink": f"https://example.slack.com/files/U061F7AUR/{FILE_ID}/report.csv"}


def _mock_upload(respx_mock, title="report.csv"):
    ticket = respx_mock.post(f"{API}/files.getUploadURLExternal").mock(
        return_value=httpx.Response(200, json={"ok": True, "upload_url": UPLOAD_URL, "file_id": FILE_ID}))
    bytes_in = respx_mock.post(UPLOAD_URL).mock(return_value=httpx.Response(200, text="OK - 19"))
    complete = respx_mock.post(f"{API}/files.completeUploadExternal").mock(
        return_value=httpx.Response(200, json={"ok": True, "files": [_uploaded_file(title)]}))
    return ticket, bytes_in, complete


async def test_upload_file_sends_the_bytes_and_shares_them_in_a_thread(catalog, respx_mock, tmp_path):
    (tmp_path / "report.csv").write_bytes(b"name,total\nada,42\n\n")
    ticket, bytes_in, complete = _mock_upload(respx_mock, "Q3 report")
    result = await run_action(
        catalog.action("slack-upload-file"),
        {"filePath": "/tmp/report.csv", "channel": CHANNEL, "title": "Q3 report", "initialComment": "Here it is",
         "threadTs": "1503435900.000100"},
        auth=AUTH, tmp_dir=tmp_path,
    )
    assert result.error is None, result.error
    asked = ticket.calls.last.request
    assert asked.method == "POST" and str(asked.url) == f"{API}/files.getUploadURLExternal"
    assert asked.headers["authorization"] == "Bearer gho_test_token"
    assert asked.headers["content-type"] == "application/x-www-form-urlencoded"
    assert dict(httpx.QueryParams(asked.content.decode())) == {"filename": "report.csv", "length": "19"}
    sent = bytes_in.calls.last.request
    assert sent.content == b"name,total\nada,42\n\n" and sent.headers["content-type"] == "application/octet-stream"
    assert_slack_post(complete.calls.last.request, "files.completeUploadExternal", {
        "files": [{"id": FILE_ID, "title": "Q3 report"}], "channel_id": CHANNEL, "initial_comment": "Here it is",
        "thread_ts": "1503435900.000100"})
    assert result.ret == {"id": FILE_ID, "name": "report.csv", "title": "Q3 report", "size": 19,
                          "permalink": f"https://example.slack.com/files/U061F7AUR/{FILE_ID}/report.csv"}
    assert result.summary == f"Uploaded report.csv (19 bytes) to {CHANNEL}"


async def test_upload_file_without_a_channel_stays_private(catalog, respx_mock, tmp_path):
    (tmp_path / "report.csv").write_bytes(b"name,total\nada,42\n\n")
    _, _, complete = _mock_upload(respx_mock)
    result = await run_action(catalog.action("slack-upload-file"), {"filePath": "/tmp/report.csv"}, auth=AUTH, tmp_dir=tmp_path)
    assert result.error is None, result.error
    assert_slack_post(complete.calls.last.request, "files.completeUploadExternal",
                      {"files": [{"id": FILE_ID, "title": "report.csv"}]})
    assert result.summary == "Uploaded report.csv (19 bytes) (private)"


async def test_upload_file_reports_slack_refusals_and_missing_files(catalog, respx_mock, tmp_path):
    (tmp_path / "big.bin").write_bytes(b"x" * 10)
    respx_mock.post(f"{API}/files.getUploadURLExternal").mock(
        return_value=httpx.Response(200, json={"ok": False, "error": "file_upload_size_restricted"}))
    upload = respx_mock.post(UPLOAD_URL)
    refused = await run_action(catalog.action("slack-upload-file"), {"filePath": "/tmp/big.bin", "channel": CHANNEL},
                               auth=AUTH, tmp_dir=tmp_path)
    assert "file_upload_size_restricted" in refused.error and "does not accept files this large" in refused.error
    assert not upload.calls
    missing = await run_action(catalog.action("slack-upload-file"), {"filePath": "/tmp/nope.pdf"}, auth=AUTH, tmp_dir=tmp_path)
    assert "/tmp/nope.pdf is not a file in /tmp" in missing.error
    thread_only = await run_action(catalog.action("slack-upload-file"), {"filePath": "/tmp/big.bin", "threadTs": "1.2"},
                                   auth=AUTH, tmp_dir=tmp_path)
    assert "needs the channel" in thread_only.error
