"""Discord actions at the HTTP boundary, with answers shaped like Discord's API reference
(https://discord.com/developers/docs/resources/message and friends)."""

import json

import httpx
import pytest

from mcp_gateway.catalog import AccountContext, AppHttp, Identity, UpstreamError
from mcp_gateway.runtime.engine import fetch_options, run_action

API = "https://discord.com/api/v10"
TOKEN = "MTk4NjIyNDgzNDcxOTI1MjQ4.Cl2FMQ.ZnCjm1XVW7vRze4b7Cq4se7kKWs"
AUTH = {"bot_token": TOKEN}
GUILD = "613425648685547541"
CHANNEL = "1143543958731251803"
MESSAGE = "1143600011223344556"
BOT = "1143500000000000001"


def assert_discord(request, method, url, *, body=None):
    assert request.method == method
    assert str(request.url) == url
    assert request.headers["authorization"] == f"Bot {TOKEN}"
    assert request.headers["user-agent"] == "DiscordBot (mcp-gateway, 0.1.0)"
    if body is not None:
        assert request.headers["content-type"] == "application/json"
        assert json.loads(request.content) == body


def _user(user_id=BOT, username="release-bot", *, bot=True, global_name=None):
    return {
        "id": user_id,
        "username": username,
        "avatar": "8342729096ea3675442027381ff50dfe",
        "discriminator": "0",
        "public_flags": 0,
        "flags": 0,
        "bot": bot,
        "banner": None,
        "accent_color": None,
        "global_name": global_name,
        "avatar_decoration_data": None,
    }


def _message(message_id=MESSAGE, content="Deploy finished", **extra):
    return {
        "type": 0,
        "channel_id": CHANNEL,
        "content": content,
        "attachments": [],
        "embeds": [],
        "timestamp": "2023-08-22T15:09:07.213000+00:00",
        "edited_timestamp": None,
        "flags": 0,
        "components": [],
        "id": message_id,
        "author": _user(),
        "mentions": [],
        "mention_roles": [],
        "pinned": False,
        "mention_everyone": False,
        "tts": False,
        **extra,
    }


def _channel(channel_id, name, kind, position, parent=None):
    return {
        "id": channel_id,
        "type": kind,
        "guild_id": GUILD,
        "name": name,
        "position": position,
        "flags": 0,
        "parent_id": parent,
        "topic": f"{name} talk" if kind == 0 else None,
        "nsfw": False,
        "rate_limit_per_user": 0,
        "permission_overwrites": [],
        "last_message_id": None,
    }


def multipart_parts(request):
    """{name: (headers, body bytes)} of a multipart/form-data request."""
    boundary = request.headers["content-type"].split("boundary=")[1].encode()
    parts = {}
    for chunk in request.content.split(b"--" + boundary)[1:-1]:
        assert chunk.startswith(b"\r\n") and chunk.endswith(b"\r\n")
        head, _, body = chunk[2:-2].partition(b"\r\n\r\n")
        headers = dict(line.split(": ", 1) for line in head.decode().split("\r\n"))
        name = headers["Content-Disposition"].split('name="')[1].split('"')[0]
        parts[name] = (headers, body)
    return parts


# Messages


async def test_send_message_posts_json_as_a_silent_reply(catalog, respx_mock):
    route = respx_mock.post(f"{API}/channels/{CHANNEL}/messages").mock(
        return_value=httpx.Response(
            200,
            json=_message(
                "1143600099999999999",
                "Build #512 is green",
                flags=4096,
                message_reference={"type": 0, "channel_id": CHANNEL, "message_id": MESSAGE, "guild_id": GUILD},
            ),
        )
    )
    result = await run_action(
        catalog.action("discord-send-message"),
        {"guildId": GUILD, "channelId": CHANNEL, "content": "Build #512 is green", "replyToMessageId": MESSAGE, "silent": True},
        auth=AUTH,
    )
    assert result.error is None, result.error
    assert_discord(
        route.calls.last.request,
        "POST",
        f"{API}/channels/{CHANNEL}/messages",
        body={
            "content": "Build #512 is green",
            "message_reference": {"message_id": MESSAGE, "fail_if_not_exists": True},
            "flags": 4096,
        },
    )
    assert result.ret["id"] == "1143600099999999999"
    assert result.ret["reply_to"] == MESSAGE
    assert result.ret["url"] == f"https://discord.com/channels/{GUILD}/{CHANNEL}/1143600099999999999"
    assert result.ret["author"] == {
        "id": BOT,
        "username": "release-bot",
        "global_name": None,
        "bot": True,
        "avatar_url": f"https://cdn.discordapp.com/avatars/{BOT}/8342729096ea3675442027381ff50dfe.png",
    }
    assert result.summary == f"Sent message 1143600099999999999 to channel {CHANNEL}"


async def test_send_message_uploads_a_file_from_tmp_as_multipart(catalog, respx_mock, tmp_path):
    (tmp_path / "report.csv").write_bytes(b"name,total\nada,42\n")
    attachment = {
        "id": "1143600100000000000",
        "filename": "report.csv",
        "size": 18,
        "url": f"https://cdn.discordapp.com/attachments/{CHANNEL}/1143600100000000000/report.csv",
        "proxy_url": f"https://media.discordapp.net/attachments/{CHANNEL}/1143600100000000000/report.csv",
        "content_type": "text/csv; charset=utf-8",
        "description": "Weekly totals",
    }
    route = respx_mock.post(f"{API}/channels/{CHANNEL}/messages").mock(
        return_value=httpx.Response(200, json=_message("1143600100000000001", "Weekly report", attachments=[attachment]))
    )
    result = await run_action(
        catalog.action("discord-send-message"),
        {"channelId": CHANNEL, "content": "Weekly report", "filePath": "/tmp/report.csv", "fileDescription": "Weekly totals"},
        auth=AUTH,
        tmp_dir=tmp_path,
    )
    assert result.error is None, result.error
    request = route.calls.last.request
    assert request.headers["authorization"] == f"Bot {TOKEN}"
    assert request.headers["content-type"].startswith("multipart/form-data; boundary=")
    parts = multipart_parts(request)
    assert list(parts) == ["payload_json", "files[0]"]
    payload_headers, payload = parts["payload_json"]
    assert payload_headers["Content-Type"] == "application/json"
    assert json.loads(payload) == {
        "content": "Weekly report",
        "attachments": [{"id": 0, "filename": "report.csv", "description": "Weekly totals"}],
    }
    file_headers, content = parts["files[0]"]
    assert 'filename="report.csv"' in file_headers["Content-Disposition"]
    assert file_headers["Content-Type"] == "text/csv"
    assert content == b"name,total\nada,42\n"
    assert result.ret["attachments"] == [
        {k: attachment[k] for k in ("id", "filename", "size", "content_type", "url")}
    ]
    assert result.ret["url"] == f"https://discord.com/channels/@me/{CHANNEL}/1143600100000000001"
    assert result.summary == f"Sent message 1143600100000000001 to channel {CHANNEL} with 1 file(s)"


async def test_send_message_refuses_bad_input_before_calling_discord(catalog, respx_mock, tmp_path):
    route = respx_mock.post(f"{API}/channels/{CHANNEL}/messages")
    action = catalog.action("discord-send-message")
    empty = await run_action(action, {"channelId": CHANNEL}, auth=AUTH)
    assert "give the message content, a file to attach, or both" in empty.error
    long = await run_action(action, {"channelId": CHANNEL, "content": "x" * 2001}, auth=AUTH)
    assert "2001 characters" in long.error
    missing = await run_action(action, {"channelId": CHANNEL, "filePath": "/tmp/nope.png"}, auth=AUTH, tmp_dir=tmp_path)
    assert "/tmp/nope.png is not a file in /tmp" in missing.error
    bad_id = await run_action(action, {"channelId": "#general", "content": "hi"}, auth=AUTH)
    assert "channelId '#general' must be a Discord ID" in bad_id.error
    assert not route.calls


async def test_edit_message_patches_the_content(catalog, respx_mock):
    route = respx_mock.patch(f"{API}/channels/{CHANNEL}/messages/{MESSAGE}").mock(
        return_value=httpx.Response(
            200, json=_message(content="Deploy finished (v2.4.1)", edited_timestamp="2023-08-22T15:12:00.000000+00:00")
        )
    )
    result = await run_action(
        catalog.action("discord-edit-message"),
        {"channelId": CHANNEL, "messageId": MESSAGE, "content": "Deploy finished (v2.4.1)"},
        auth=AUTH,
    )
    assert result.error is None, result.error
    assert_discord(
        route.calls.last.request, "PATCH", f"{API}/channels/{CHANNEL}/messages/{MESSAGE}",
        body={"content": "Deploy finished (v2.4.1)"},
    )
    assert result.ret["content"] == "Deploy finished (v2.4.1)"
    assert result.ret["edited_timestamp"] == "2023-08-22T15:12:00.000000+00:00"
    assert result.summary == f"Edited message {MESSAGE} in channel {CHANNEL}"


async def test_delete_message_sends_the_audit_log_reason(catalog, respx_mock):
    route = respx_mock.delete(f"{API}/channels/{CHANNEL}/messages/{MESSAGE}").mock(return_value=httpx.Response(204))
    result = await run_action(
        catalog.action("discord-delete-message"), {"channelId": CHANNEL, "messageId": MESSAGE, "reason": "spam link"}, auth=AUTH
    )
    assert result.error is None, result.error
    request = route.calls.last.request
    assert_discord(request, "DELETE", f"{API}/channels/{CHANNEL}/messages/{MESSAGE}")
    assert request.headers["x-audit-log-reason"] == "spam%20link"
    assert result.ret == {"channel_id": CHANNEL, "message_id": MESSAGE, "deleted": True}
    assert result.summary == f"Deleted message {MESSAGE} from channel {CHANNEL}"
    assert catalog.action("discord-delete-message").annotations.destructive is True


async def test_list_messages_pages_back_with_before(catalog, respx_mock):
    older = _message(
        "1143500000000000010",
        "Anyone seen the logs?",
        author=_user("80351110224678912", "nelly", bot=False, global_name="Nelly"),
        reactions=[{"count": 2, "me": False, "emoji": {"id": None, "name": "👀"}}],
    )
    route = respx_mock.get(f"{API}/channels/{CHANNEL}/messages").mock(
        return_value=httpx.Response(200, json=[_message("1143500000000000020", "Here they are"), older])
    )
    result = await run_action(
        catalog.action("discord-list-messages"), {"channelId": CHANNEL, "limit": 2, "before": MESSAGE}, auth=AUTH
    )
    assert result.error is None, result.error
    request = route.calls.last.request
    assert_discord(request, "GET", f"{API}/channels/{CHANNEL}/messages?limit=2&before={MESSAGE}")
    assert [m["id"] for m in result.ret["messages"]] == ["1143500000000000020", "1143500000000000010"]
    assert result.ret["messages"][1]["author"]["global_name"] == "Nelly"
    assert result.ret["messages"][1]["reactions"] == [{"emoji": "👀", "count": 2}]
    assert result.ret["messages"][1]["url"] == f"https://discord.com/channels/@me/{CHANNEL}/1143500000000000010"
    assert result.ret["next_cursor"] == "1143500000000000010"
    assert result.summary == f"Listed 2 message(s) from channel {CHANNEL}"

    route.mock(return_value=httpx.Response(200, json=[_message("1143500000000000005", "First!")]))
    older_page = await run_action(catalog.action("discord-list-messages"),
                                  {"channelId": CHANNEL, "guildId": GUILD, "limit": 2, "cursor": "1143500000000000010"}, auth=AUTH)
    assert_discord(route.calls.last.request, "GET", f"{API}/channels/{CHANNEL}/messages?limit=2&before=1143500000000000010")
    assert older_page.ret["next_cursor"] is None
    assert older_page.ret["messages"][0]["url"] == f"https://discord.com/channels/{GUILD}/{CHANNEL}/1143500000000000005"


async def test_list_messages_after_a_message_reads_forward_across_pages(catalog, respx_mock):
    ids = [str(1143500000000000100 + n) for n in range(5)]
    route = respx_mock.get(f"{API}/channels/{CHANNEL}/messages").mock(side_effect=[
        httpx.Response(200, json=[_message(ids[2]), _message(ids[1]), _message(ids[0])]),
        httpx.Response(200, json=[_message(ids[4]), _message(ids[3])]),
    ])
    result = await run_action(catalog.action("discord-list-messages"),
                              {"channelId": CHANNEL, "after": MESSAGE, "limit": 3}, auth=AUTH)
    assert result.error is None, result.error
    assert_discord(route.calls[0].request, "GET", f"{API}/channels/{CHANNEL}/messages?limit=3&after={MESSAGE}")
    assert [m["id"] for m in result.ret["messages"]] == ids[:3]
    assert result.ret["next_cursor"] == f"after:{ids[2]}"
    rest = await run_action(catalog.action("discord-list-messages"),
                            {"channelId": CHANNEL, "cursor": result.ret["next_cursor"], "limit": 3}, auth=AUTH)
    assert_discord(route.calls[1].request, "GET", f"{API}/channels/{CHANNEL}/messages?limit=3&after={ids[2]}")
    assert [m["id"] for m in rest.ret["messages"]] == ids[3:] and rest.ret["next_cursor"] is None
    bad = await run_action(catalog.action("discord-list-messages"), {"channelId": CHANNEL, "cursor": "page 2"}, auth=AUTH)
    assert "pass `next_cursor` unchanged" in bad.error and route.call_count == 2


async def test_list_messages_takes_one_anchor_only(catalog, respx_mock):
    route = respx_mock.get(f"{API}/channels/{CHANNEL}/messages")
    result = await run_action(
        catalog.action("discord-list-messages"), {"channelId": CHANNEL, "before": MESSAGE, "after": "1"}, auth=AUTH
    )
    assert "give only one of before, after and around (got before, after)" in result.error
    assert not route.calls


async def test_add_reaction_encodes_unicode_and_custom_emoji(catalog, respx_mock):
    thumbs = respx_mock.put(f"{API}/channels/{CHANNEL}/messages/{MESSAGE}/reactions/%F0%9F%91%8D/@me").mock(
        return_value=httpx.Response(204)
    )
    custom = respx_mock.put(
        f"{API}/channels/{CHANNEL}/messages/{MESSAGE}/reactions/partyblob:1143000000000000000/@me"
    ).mock(return_value=httpx.Response(204))
    action = catalog.action("discord-add-reaction")
    result = await run_action(action, {"channelId": CHANNEL, "messageId": MESSAGE, "emoji": "👍"}, auth=AUTH)
    assert result.error is None, result.error
    assert_discord(thumbs.calls.last.request, "PUT", f"{API}/channels/{CHANNEL}/messages/{MESSAGE}/reactions/%F0%9F%91%8D/@me")
    assert result.ret == {"channel_id": CHANNEL, "message_id": MESSAGE, "emoji": "👍"}
    assert result.summary == f"Reacted with 👍 to message {MESSAGE} in channel {CHANNEL}"

    again = await run_action(
        action, {"channelId": CHANNEL, "messageId": MESSAGE, "emoji": "<:partyblob:1143000000000000000>"}, auth=AUTH
    )
    assert again.error is None, again.error
    assert custom.call_count == 1
    shortcode = await run_action(action, {"channelId": CHANNEL, "messageId": MESSAGE, "emoji": ":thumbsup:"}, auth=AUTH)
    assert "is a shortcode" in shortcode.error


async def test_create_thread_from_a_message(catalog, respx_mock):
    route = respx_mock.post(f"{API}/channels/{CHANNEL}/messages/{MESSAGE}/threads").mock(
        return_value=httpx.Response(
            201,
            json={
                "id": MESSAGE,
                "type": 11,
                "guild_id": GUILD,
                "parent_id": CHANNEL,
                "owner_id": BOT,
                "name": "Deploy follow-up",
                "last_message_id": None,
                "rate_limit_per_user": 0,
                "flags": 0,
                "message_count": 0,
                "member_count": 1,
                "total_message_sent": 0,
                "thread_metadata": {
                    "archived": False,
                    "archive_timestamp": "2023-08-22T15:20:00.000000+00:00",
                    "auto_archive_duration": 1440,
                    "locked": False,
                    "create_timestamp": "2023-08-22T15:20:00.000000+00:00",
                },
            },
        )
    )
    result = await run_action(
        catalog.action("discord-create-thread"),
        {"channelId": CHANNEL, "messageId": MESSAGE, "name": "Deploy follow-up", "autoArchiveDuration": 1440},
        auth=AUTH,
    )
    assert result.error is None, result.error
    assert_discord(
        route.calls.last.request, "POST", f"{API}/channels/{CHANNEL}/messages/{MESSAGE}/threads",
        body={"name": "Deploy follow-up", "auto_archive_duration": 1440},
    )
    assert result.ret == {
        "id": MESSAGE,
        "name": "Deploy follow-up",
        "type": "public_thread",
        "guild_id": GUILD,
        "parent_id": CHANNEL,
        "auto_archive_duration": 1440,
    }
    assert result.summary == f"Started public thread \"Deploy follow-up\" ({MESSAGE}) from message {MESSAGE} in channel {CHANNEL}"


async def test_create_thread_without_a_message_is_public_unless_private(catalog, respx_mock):
    route = respx_mock.post(f"{API}/channels/{CHANNEL}/threads").mock(
        return_value=httpx.Response(
            201,
            json={"id": "1143700000000000000", "type": 12, "guild_id": GUILD, "parent_id": CHANNEL, "name": "Incident 42",
                  "thread_metadata": {"archived": False, "auto_archive_duration": 4320, "locked": False, "invitable": True}},
        )
    )
    action = catalog.action("discord-create-thread")
    result = await run_action(action, {"channelId": CHANNEL, "name": "Incident 42", "private": True}, auth=AUTH)
    assert result.error is None, result.error
    assert_discord(route.calls.last.request, "POST", f"{API}/channels/{CHANNEL}/threads", body={"name": "Incident 42", "type": 12})
    assert result.summary == f"Started private thread \"Incident 42\" (1143700000000000000) in channel {CHANNEL}"
    public = await run_action(action, {"channelId": CHANNEL, "name": "Ideas"}, auth=AUTH)
    assert public.error is None
    assert json.loads(route.calls.last.request.content) == {"name": "Ideas", "type": 11}


# Servers, channels, members, users, invites


async def test_list_guilds_asks_for_counts(catalog, respx_mock):
    route = respx_mock.get(f"{API}/users/@me/guilds").mock(
        return_value=httpx.Response(
            200,
            json=[
                {"id": GUILD, "name": "Release Crew", "icon": "8342729096ea3675442027381ff50dfe", "banner": None,
                 "owner": False, "permissions": "2147483647", "features": ["COMMUNITY"],
                 "approximate_member_count": 3268, "approximate_presence_count": 784},
            ],
        )
    )
    result = await run_action(catalog.action("discord-list-guilds"), {"limit": 1}, auth=AUTH)
    assert result.error is None, result.error
    assert_discord(route.calls.last.request, "GET", f"{API}/users/@me/guilds?limit=1&with_counts=true")
    assert result.ret == {
        "guilds": [{"id": GUILD, "name": "Release Crew", "owner": False, "approximate_member_count": 3268,
                    "approximate_presence_count": 784}],
        "next_cursor": GUILD,
    }
    assert result.summary == "Listed 1 server(s) (more available)"
    whole = await run_action(catalog.action("discord-list-guilds"), {"limit": 1, "fullResponse": True}, auth=AUTH)
    assert whole.ret["guilds"][0]["features"] == ["COMMUNITY"]

    route.mock(return_value=httpx.Response(200, json=[]))
    done = await run_action(catalog.action("discord-list-guilds"), {"cursor": GUILD}, auth=AUTH)
    assert_discord(route.calls.last.request, "GET", f"{API}/users/@me/guilds?limit=25&with_counts=true&after={GUILD}")
    assert done.ret == {"guilds": [], "next_cursor": None}


async def test_list_channels_filters_by_kind_in_server_order(catalog, respx_mock):
    route = respx_mock.get(f"{API}/guilds/{GUILD}/channels").mock(
        return_value=httpx.Response(
            200,
            json=[
                _channel("1143000000000000004", "Voice", 2, 1, "1143000000000000001"),
                _channel("1143000000000000003", "random", 0, 1, "1143000000000000001"),
                _channel("1143000000000000001", "Text Channels", 4, 0),
                _channel(CHANNEL, "general", 0, 0, "1143000000000000001"),
            ],
        )
    )
    result = await run_action(catalog.action("discord-list-channels"), {"guildId": GUILD, "kind": "text"}, auth=AUTH)
    assert result.error is None, result.error
    assert_discord(route.calls.last.request, "GET", f"{API}/guilds/{GUILD}/channels")
    assert result.ret["channels"] == [
        {"id": CHANNEL, "name": "general", "type": "text", "guild_id": GUILD, "parent_id": "1143000000000000001",
         "position": 0, "topic": "general talk", "nsfw": False},
        {"id": "1143000000000000003", "name": "random", "type": "text", "guild_id": GUILD,
         "parent_id": "1143000000000000001", "position": 1, "topic": "random talk", "nsfw": False},
    ]
    assert result.ret["counts"] == {"text": 2}
    assert result.summary == f"Listed 2 channel(s) in server {GUILD}"


async def test_list_members_pages_by_user_id(catalog, respx_mock):
    route = respx_mock.get(f"{API}/guilds/{GUILD}/members").mock(
        return_value=httpx.Response(
            200,
            json=[
                {"user": _user("80351110224678912", "nelly", bot=False, global_name="Nelly"), "nick": "NOT API SUPPORT",
                 "avatar": None, "roles": ["41771983423143936"], "joined_at": "2015-04-26T06:26:56.936000+00:00",
                 "deaf": False, "mute": False, "flags": 0, "pending": False},
            ],
        )
    )
    result = await run_action(
        catalog.action("discord-list-members"), {"guildId": GUILD, "limit": 50, "cursor": "80351110224678900"}, auth=AUTH
    )
    assert result.error is None, result.error
    assert_discord(route.calls.last.request, "GET", f"{API}/guilds/{GUILD}/members?limit=50&after=80351110224678900")
    member = result.ret["members"][0]
    assert member["id"] == "80351110224678912"
    assert member["nick"] == "NOT API SUPPORT"
    assert member["roles"] == ["41771983423143936"]
    assert member["joined_at"] == "2015-04-26T06:26:56.936000+00:00"
    assert result.ret["next_cursor"] is None
    assert "deaf" not in member
    assert result.summary == f"Listed 1 member(s) of server {GUILD}"


async def test_list_members_follows_full_pages_and_hands_back_the_last_user_id(catalog, respx_mock):
    def member(user_id):
        return {"user": _user(user_id, f"user{user_id[-2:]}", bot=False), "nick": None, "avatar": None, "roles": [],
                "joined_at": "2015-04-26T06:26:56.936000+00:00", "deaf": False, "mute": False, "flags": 0, "pending": False}

    route = respx_mock.get(f"{API}/guilds/{GUILD}/members").mock(
        return_value=httpx.Response(200, json=[member("80351110224678901"), member("80351110224678902")]))
    result = await run_action(catalog.action("discord-list-members"), {"guildId": GUILD, "limit": 2}, auth=AUTH)
    assert_discord(route.calls.last.request, "GET", f"{API}/guilds/{GUILD}/members?limit=2")
    assert result.ret["next_cursor"] == "80351110224678902"


async def test_get_user(catalog, respx_mock):
    route = respx_mock.get(f"{API}/users/80351110224678912").mock(
        return_value=httpx.Response(200, json=_user("80351110224678912", "nelly", bot=False, global_name="Nelly"))
    )
    result = await run_action(catalog.action("discord-get-user"), {"userId": "80351110224678912"}, auth=AUTH)
    assert result.error is None, result.error
    assert_discord(route.calls.last.request, "GET", f"{API}/users/80351110224678912")
    assert result.ret["username"] == "nelly" and result.ret["bot"] is False
    assert "public_flags" not in result.ret
    assert result.summary == "Retrieved user Nelly (@nelly) (80351110224678912)"


async def test_get_message_reads_one_message_with_its_link(catalog, respx_mock):
    reply = _message(content="Ship it", message_reference={"type": 0, "message_id": "1143500000000000010", "channel_id": CHANNEL,
                                                          "guild_id": GUILD})
    route = respx_mock.get(f"{API}/channels/{CHANNEL}/messages/{MESSAGE}").mock(return_value=httpx.Response(200, json=reply))
    result = await run_action(catalog.action("discord-get-message"),
                              {"guildId": GUILD, "channelId": CHANNEL, "messageId": MESSAGE}, auth=AUTH)
    assert result.error is None, result.error
    assert_discord(route.calls.last.request, "GET", f"{API}/channels/{CHANNEL}/messages/{MESSAGE}")
    assert result.ret["content"] == "Ship it" and result.ret["reply_to"] == "1143500000000000010"
    assert result.ret["url"] == f"https://discord.com/channels/{GUILD}/{CHANNEL}/{MESSAGE}"
    assert result.summary == f"Read message {MESSAGE} by release-bot in channel {CHANNEL}"


async def test_get_message_without_history_permission_says_what_to_grant(catalog, respx_mock):
    respx_mock.get(f"{API}/channels/{CHANNEL}/messages/{MESSAGE}").mock(
        return_value=httpx.Response(403, json={"message": "Missing Access", "code": 50001}))
    result = await run_action(catalog.action("discord-get-message"), {"channelId": CHANNEL, "messageId": MESSAGE}, auth=AUTH)
    assert "Discord code 50001" in result.error and "add the bot to the server and let it view the channel" in result.error


async def test_remove_reaction_deletes_the_bots_own(catalog, respx_mock):
    route = respx_mock.delete(f"{API}/channels/{CHANNEL}/messages/{MESSAGE}/reactions/%F0%9F%91%8D/@me").mock(
        return_value=httpx.Response(204))
    result = await run_action(catalog.action("discord-remove-reaction"),
                              {"channelId": CHANNEL, "messageId": MESSAGE, "emoji": "👍"}, auth=AUTH)
    assert result.error is None, result.error
    assert_discord(route.calls.last.request, "DELETE", f"{API}/channels/{CHANNEL}/messages/{MESSAGE}/reactions/%F0%9F%91%8D/@me")
    assert result.ret == {"channel_id": CHANNEL, "message_id": MESSAGE, "emoji": "👍", "removed": True}
    assert catalog.action("discord-remove-reaction").annotations.idempotent is True


async def test_message_options_list_the_channels_recent_messages(catalog, respx_mock):
    route = respx_mock.get(f"{API}/channels/{CHANNEL}/messages").mock(
        return_value=httpx.Response(200, json=[_message(content="Deploy finished\nall green")]))
    page = await fetch_options(catalog.action("discord-add-reaction"), "messageId", {"channelId": CHANNEL}, auth=AUTH)
    assert page["options"] == [{"label": "release-bot: Deploy finished all green", "value": MESSAGE}] and page["context"] is None
    assert_discord(route.calls.last.request, "GET", f"{API}/channels/{CHANNEL}/messages?limit=50")
    unchosen = await fetch_options(catalog.action("discord-add-reaction"), "messageId", {}, auth=AUTH)
    assert "choose the channel (channelId) first" in unchosen["errors"][0]


async def test_create_invite_sends_the_options(catalog, respx_mock):
    route = respx_mock.post(f"{API}/channels/{CHANNEL}/invites").mock(
        return_value=httpx.Response(
            200,
            json={
                "type": 0,
                "code": "0vCdhLbwjZZTWZLD",
                "guild": {"id": GUILD, "name": "Release Crew", "splash": None, "banner": None, "icon": None,
                          "features": [], "verification_level": 2},
                "channel": {"id": CHANNEL, "name": "general", "type": 0},
                "inviter": _user(),
                "uses": 0,
                "max_uses": 5,
                "max_age": 3600,
                "temporary": False,
                "created_at": "2023-08-22T15:30:00.000000+00:00",
                "expires_at": "2023-08-22T16:30:00.000000+00:00",
            },
        )
    )
    result = await run_action(
        catalog.action("discord-create-invite"),
        {"channelId": CHANNEL, "maxAgeSeconds": 3600, "maxUses": 5, "unique": True},
        auth=AUTH,
    )
    assert result.error is None, result.error
    assert_discord(
        route.calls.last.request, "POST", f"{API}/channels/{CHANNEL}/invites",
        body={"max_age": 3600, "max_uses": 5, "unique": True},
    )
    assert result.ret["url"] == "https://discord.gg/0vCdhLbwjZZTWZLD"
    assert result.ret["guild"] == {"id": GUILD, "name": "Release Crew"}
    assert result.ret["expires_at"] == "2023-08-22T16:30:00.000000+00:00"
    assert result.summary == f"Created invite discord.gg/0vCdhLbwjZZTWZLD to channel {CHANNEL}"


async def test_create_invite_sends_an_empty_object_without_options(catalog, respx_mock):
    route = respx_mock.post(f"{API}/channels/{CHANNEL}/invites").mock(
        return_value=httpx.Response(200, json={"code": "abc123", "channel": {"id": CHANNEL}, "max_age": 86400, "max_uses": 0})
    )
    result = await run_action(catalog.action("discord-create-invite"), {"channelId": CHANNEL}, auth=AUTH)
    assert result.error is None
    assert json.loads(route.calls.last.request.content) == {}


# Errors


async def test_unknown_message_names_the_code_and_what_to_do(catalog, respx_mock):
    respx_mock.patch(f"{API}/channels/{CHANNEL}/messages/{MESSAGE}").mock(
        return_value=httpx.Response(404, json={"message": "Unknown Message", "code": 10008})
    )
    result = await run_action(
        catalog.action("discord-edit-message"), {"channelId": CHANNEL, "messageId": MESSAGE, "content": "x"}, auth=AUTH
    )
    assert result.ret is None
    assert result.error == (
        f"Discord API error 404 on PATCH {API}/channels/{CHANNEL}/messages/{MESSAGE}: Unknown Message (Discord code 10008) "
        "(no message has that ID in that channel; list the channel's messages (discord-list-messages) for valid IDs)"
    )


async def test_invalid_form_body_lists_the_fields(catalog, respx_mock):
    respx_mock.post(f"{API}/channels/{CHANNEL}/threads").mock(
        return_value=httpx.Response(
            400,
            json={
                "code": 50035,
                "errors": {"name": {"_errors": [{"code": "BASE_TYPE_BAD_LENGTH", "message": "Must be between 1 and 100 in length."}]}},
                "message": "Invalid Form Body",
            },
        )
    )
    result = await run_action(catalog.action("discord-create-thread"), {"channelId": CHANNEL, "name": "ok"}, auth=AUTH)
    assert "Invalid Form Body (Discord code 50035): name: Must be between 1 and 100 in length." in result.error
    assert "some values are invalid" in result.error


async def test_missing_permissions_hint(catalog, respx_mock):
    respx_mock.post(f"{API}/channels/{CHANNEL}/invites").mock(
        return_value=httpx.Response(403, json={"message": "Missing Permissions", "code": 50013})
    )
    result = await run_action(catalog.action("discord-create-invite"), {"channelId": CHANNEL}, auth=AUTH)
    assert "Missing Permissions (Discord code 50013)" in result.error
    assert "Create Invite" in result.error


async def test_a_429_reports_retry_after_from_the_body(catalog, respx_mock):
    respx_mock.post(f"{API}/channels/{CHANNEL}/messages").mock(
        return_value=httpx.Response(
            429,
            json={"message": "You are being rate limited.", "retry_after": 1.337, "global": False},
            headers={"Retry-After": "2", "X-RateLimit-Scope": "user"},
        )
    )
    result = await run_action(catalog.action("discord-send-message"), {"channelId": CHANNEL, "content": "hi"}, auth=AUTH)
    assert result.ret is None
    assert result.error == (
        f"Discord API error 429 on POST {API}/channels/{CHANNEL}/messages: You are being rate limited. "
        "(rate limited by Discord; retry after 1.337 s)"
    )


async def test_a_global_429_says_so(catalog, respx_mock):
    respx_mock.get(f"{API}/users/@me/guilds").mock(
        return_value=httpx.Response(429, json={"message": "You are being rate limited.", "retry_after": 64.57, "global": True})
    )
    result = await run_action(catalog.action("discord-list-guilds"), {}, auth=AUTH)
    assert "(a global limit on the bot)" in result.error
    assert "retry after 64.57 s" in result.error


# Remote options


async def test_guild_options_page_by_the_last_id(catalog, respx_mock):
    first_page = [{"id": str(613425648685547541 + n), "name": f"Server {n}"} for n in range(200)]
    route = respx_mock.get(f"{API}/users/@me/guilds").mock(
        side_effect=[
            httpx.Response(200, json=first_page),
            httpx.Response(200, json=[{"id": "913425648685547541", "name": "Last Server"}]),
        ]
    )
    action = catalog.action("discord-list-channels")
    first = await fetch_options(action, "guildId", {}, auth=AUTH)
    assert first["errors"] == []
    assert len(first["options"]) == 200
    assert first["options"][0] == {"label": "Server 0", "value": "613425648685547541"}
    assert first["context"] == {"after": first_page[-1]["id"]}
    assert_discord(route.calls[0].request, "GET", f"{API}/users/@me/guilds?limit=200")
    second = await fetch_options(action, "guildId", {}, auth=AUTH, page=1, prev_context=first["context"])
    assert second["options"] == [{"label": "Last Server", "value": "913425648685547541"}]
    assert second["context"] is None
    assert_discord(route.calls[1].request, "GET", f"{API}/users/@me/guilds?limit=200&after={first_page[-1]['id']}")
    done = await fetch_options(action, "guildId", {}, auth=AUTH, page=2, prev_context={})
    assert done["options"] == [] and route.call_count == 2


async def test_channel_options_list_the_chosen_servers_message_channels(catalog, respx_mock):
    respx_mock.get(f"{API}/guilds/{GUILD}/channels").mock(
        return_value=httpx.Response(
            200,
            json=[
                _channel("1143000000000000001", "Text Channels", 4, 0),
                _channel("1143000000000000004", "Lounge", 2, 2),
                _channel(CHANNEL, "general", 0, 0),
                _channel("1143000000000000005", "help", 15, 3),
            ],
        )
    )
    action = catalog.action("discord-send-message")
    options = await fetch_options(action, "channelId", {"guildId": GUILD}, auth=AUTH)
    assert options["options"] == [
        {"label": "#general (text)", "value": CHANNEL},
        {"label": "#Lounge (voice)", "value": "1143000000000000004"},
    ]
    without = await fetch_options(action, "channelId", {}, auth=AUTH)
    assert without["options"] == []
    assert "choose the server (guildId) first" in without["errors"][0]


# Account test


async def _account_test(catalog, auth):
    app = catalog.apps["discord"]
    async with httpx.AsyncClient() as client:
        http = AppHttp(client, app_name=app.name, headers=app.headers_for(auth), base_url=app.base_url_for(auth),
                       allowed_domains=app.allowed_domains_for(auth))
        return await app.test(AccountContext(auth=auth, http=http))


async def test_account_test_names_the_bot(catalog, respx_mock):
    route = respx_mock.get(f"{API}/users/@me").mock(
        return_value=httpx.Response(
            200, json={**_user(global_name="Release Bot"), "verified": True, "mfa_enabled": False, "locale": "en-US"}
        )
    )
    identity = await _account_test(catalog, AUTH)
    assert identity == Identity(name="Release Bot (@release-bot)", external_id=BOT)
    assert_discord(route.calls.last.request, "GET", f"{API}/users/@me")


async def test_account_test_rejects_a_bad_token(catalog, respx_mock):
    respx_mock.get(f"{API}/users/@me").mock(return_value=httpx.Response(401, json={"message": "401: Unauthorized", "code": 0}))
    with pytest.raises(UpstreamError, match="401: Unauthorized") as raised:
        await _account_test(catalog, {"bot_token": "Bot not-a-token"})
    assert raised.value.status == 401
    assert "reconnect" in str(raised.value)
