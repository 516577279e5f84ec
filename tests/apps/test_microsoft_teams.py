"""Microsoft Teams actions at the HTTP boundary, with answers shaped like the Microsoft Graph v1.0
reference (https://learn.microsoft.com/graph/api/resources/teams-api-overview)."""

import base64
import json

import httpx
import pytest

from mcp_gateway.catalog import AccountContext, AppHttp, Identity, UpstreamError
from mcp_gateway.runtime.engine import fetch_options, run_action

GRAPH = "https://graph.microsoft.com/v1.0"
TOKEN = "eyJ0eXAiOiJKV1QiLCJub25jZSI6IkFRQUJBQUFBQUFE"
AUTH = {"oauth_access_token": TOKEN}
TEAM = "fbe2bf47-16c8-47cf-b4a5-4b9b187c508b"
CHANNEL = "19:4a95f7d8db4c4e7fae857bcebe0623e6@thread.tacv2"
CHAT = "19:561082c0f3f847a58069deb8eb300807@thread.v2"
USER = "8ea0e38b-efb3-4757-924a-5f94061cf8c2"


def assert_graph(request, method, url, *, body=None, token=TOKEN):
    assert request.method == method
    assert str(request.url) == url
    assert request.headers["authorization"] == f"Bearer {token}"
    if body is not None:
        assert request.headers["content-type"] == "application/json"
        assert json.loads(request.content) == body


def _message(message_id="1616965872395", content="Hello World", *, content_type="html", **extra):
    return {
        "id": message_id,
        "replyToId": None,
        "etag": message_id,
        "messageType": "message",
        "createdDateTime": "2021-03-28T21:11:12.395Z",
        "lastModifiedDateTime": "2021-03-28T21:11:12.395Z",
        "lastEditedDateTime": None,
        "deletedDateTime": None,
        "subject": None,
        "summary": None,
        "chatId": None,
        "importance": "normal",
        "locale": "en-us",
        "webUrl": f"https://teams.microsoft.com/l/message/19%3A4a95f7d8db4c4e7fae857bcebe0623e6%40thread.tacv2/{message_id}?groupId={TEAM}",
        "policyViolation": None,
        "eventDetail": None,
        "from": {"application": None, "device": None, "user": {"id": USER, "displayName": "Robin Kline", "userIdentityType": "aadUser"}},
        "body": {"contentType": content_type, "content": content},
        "channelIdentity": {"teamId": TEAM, "channelId": CHANNEL},
        "attachments": [],
        "mentions": [],
        "reactions": [],
        **extra,
    }


# Teams and channels


async def test_list_teams(catalog, respx_mock):
    route = respx_mock.get(f"{GRAPH}/me/joinedTeams").mock(
        return_value=httpx.Response(
            200,
            json={
                "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#teams",
                "@odata.count": 1,
                "value": [
                    {"id": TEAM, "createdDateTime": None, "displayName": "Contoso Team", "description": "This is a Contoso team.",
                     "internalId": None, "classification": None, "specialization": None, "visibility": None,
                     "webUrl": None, "isArchived": False, "tenantId": "2432b57b-0abd-43db-aa7b-16eadd115d34"}
                ],
            },
        )
    )
    result = await run_action(catalog.action("microsoft_teams-list-teams"), {}, auth=AUTH)
    assert result.error is None, result.error
    assert_graph(route.calls.last.request, "GET", f"{GRAPH}/me/joinedTeams")
    assert result.ret == {"teams": [{"id": TEAM, "displayName": "Contoso Team", "description": "This is a Contoso team.",
                                     "isArchived": False, "visibility": None, "webUrl": None}], "next_cursor": None}
    assert result.summary == "Listed 1 team(s)"


async def test_list_channels(catalog, respx_mock):
    route = respx_mock.get(f"{GRAPH}/teams/{TEAM}/channels").mock(
        return_value=httpx.Response(
            200,
            json={
                "value": [
                    {"id": CHANNEL, "createdDateTime": "2020-05-27T19:22:25.692Z", "displayName": "General",
                     "description": "AutoTestTeam_20210311_150740.2550_fim3udfdjen9", "membershipType": "standard",
                     "email": "", "webUrl": f"https://teams.microsoft.com/l/channel/{CHANNEL}/General?groupId={TEAM}"}
                ]
            },
        )
    )
    result = await run_action(catalog.action("microsoft_teams-list-channels"), {"teamId": TEAM}, auth=AUTH)
    assert result.error is None, result.error
    assert_graph(route.calls.last.request, "GET", f"{GRAPH}/teams/{TEAM}/channels")
    assert result.ret["channels"][0]["displayName"] == "General"
    assert result.ret["channels"][0]["membershipType"] == "standard"
    assert result.summary == f"Listed 1 channel(s) of team {TEAM}"


async def test_create_channel(catalog, respx_mock):
    route = respx_mock.post(f"{GRAPH}/teams/{TEAM}/channels").mock(
        return_value=httpx.Response(
            201,
            json={"@odata.context": f"https://graph.microsoft.com/v1.0/$metadata#teams('{TEAM}')/channels/$entity",
                  "id": "19:33b76eea88574bd1969dca37e2b7a819@thread.skype", "createdDateTime": "2020-05-27T19:22:25.692Z",
                  "displayName": "Architecture Discussion", "description": "This channel is where we debate all future architecture plans",
                  "membershipType": "standard", "webUrl": "https://teams.microsoft.com/l/channel/19%3a33b76eea88574bd1969dca37e2b7a819%40thread.skype/Architecture+Discussion"},
        )
    )
    result = await run_action(
        catalog.action("microsoft_teams-create-channel"),
        {"teamId": TEAM, "displayName": "Architecture Discussion",
         "description": "This channel is where we debate all future architecture plans"},
        auth=AUTH,
    )
    assert result.error is None, result.error
    assert_graph(
        route.calls.last.request, "POST", f"{GRAPH}/teams/{TEAM}/channels",
        body={"displayName": "Architecture Discussion", "membershipType": "standard",
              "description": "This channel is where we debate all future architecture plans"},
    )
    assert result.ret["id"] == "19:33b76eea88574bd1969dca37e2b7a819@thread.skype"
    assert result.summary == 'Created standard channel "Architecture Discussion" (19:33b76eea88574bd1969dca37e2b7a819@thread.skype)'


async def test_create_channel_checks_the_name_first(catalog, respx_mock):
    route = respx_mock.post(f"{GRAPH}/teams/{TEAM}/channels")
    result = await run_action(catalog.action("microsoft_teams-create-channel"), {"teamId": TEAM, "displayName": "Q3: plans?"}, auth=AUTH)
    assert "cannot contain : ?" in result.error
    assert not route.calls


async def test_list_members(catalog, respx_mock):
    route = respx_mock.get(f"{GRAPH}/teams/{TEAM}/members").mock(
        return_value=httpx.Response(
            200,
            json={
                "value": [
                    {"@odata.type": "#microsoft.graph.aadUserConversationMember",
                     "id": "ZWUwZjVhZTItOGJjNi00YWU1LTg0NjYtN2RhZWViYmZhMDYyIyM3Mzc2MWYwNi0yYWM5LTQ2OWMtOWYxMC0yNzlhOGNjMjY3Zjk=",
                     "roles": ["owner"], "displayName": "Adele Vance", "userId": "73761f06-2ac9-469c-9f10-279a8cc267f9",
                     "email": "AdeleV@M365x987948.OnMicrosoft.com", "tenantId": "2432b57b-0abd-43db-aa7b-16eadd115d34"},
                    {"@odata.type": "#microsoft.graph.aadUserConversationMember", "id": "ZWUwZjVh2", "roles": [],
                     "displayName": "Grady Archie", "userId": "598efcd4-e549-402a-9602-0b50201faebe",
                     "email": "GradyA@M365x987948.OnMicrosoft.com"},
                ]
            },
        )
    )
    result = await run_action(catalog.action("microsoft_teams-list-members"), {"teamId": TEAM}, auth=AUTH)
    assert result.error is None, result.error
    assert_graph(route.calls.last.request, "GET", f"{GRAPH}/teams/{TEAM}/members")
    assert [(m["displayName"], m["role"]) for m in result.ret["members"]] == [("Adele Vance", "owner"), ("Grady Archie", "member")]
    assert result.ret["next_cursor"] is None
    assert result.summary == f"Listed 2 member(s) of team {TEAM}"


# Channel messages


async def test_send_channel_message_as_text_with_subject(catalog, respx_mock):
    url = f"{GRAPH}/teams/{TEAM}/channels/{CHANNEL}/messages"
    route = respx_mock.post(url).mock(
        return_value=httpx.Response(201, json=_message("1616990032035", "Build 512 passed", content_type="text", subject="CI", importance="high"))
    )
    result = await run_action(
        catalog.action("microsoft_teams-send-channel-message"),
        {"teamId": TEAM, "channelId": CHANNEL, "content": "Build 512 passed", "subject": "CI", "importance": "high"},
        auth=AUTH,
    )
    assert result.error is None, result.error
    assert_graph(
        route.calls.last.request, "POST", url,
        body={"body": {"contentType": "text", "content": "Build 512 passed"}, "subject": "CI", "importance": "high"},
    )
    assert result.ret["id"] == "1616990032035"
    assert result.ret["text"] == "Build 512 passed"
    assert result.ret["importance"] == "high"
    assert result.ret["from"] == {"id": USER, "displayName": "Robin Kline"}
    assert result.summary == f"Posted message 1616990032035 to channel {CHANNEL}"


async def test_reply_to_message_sends_html(catalog, respx_mock):
    url = f"{GRAPH}/teams/{TEAM}/channels/{CHANNEL}/messages/1616965872395/replies"
    route = respx_mock.post(url).mock(
        return_value=httpx.Response(201, json=_message("1616989510408", "<b>On it</b>", replyToId="1616965872395"))
    )
    result = await run_action(
        catalog.action("microsoft_teams-reply-to-message"),
        {"teamId": TEAM, "channelId": CHANNEL, "messageId": "1616965872395", "content": "<b>On it</b>", "contentType": "html"},
        auth=AUTH,
    )
    assert result.error is None, result.error
    assert_graph(route.calls.last.request, "POST", url, body={"body": {"contentType": "html", "content": "<b>On it</b>"}})
    assert result.ret["replyToId"] == "1616965872395"
    assert result.ret["text"] == "On it"
    assert result.summary == f"Replied to message 1616965872395 in channel {CHANNEL} (reply 1616989510408)"


async def test_list_channel_messages_with_replies_then_the_next_page(catalog, respx_mock):
    url = f"{GRAPH}/teams/{TEAM}/channels/{CHANNEL}/messages"
    next_link = f"{url}?$skiptoken=%5b%7B%22token%22%3a%22%2bRID%3a~vpsQAJ9uAC047gwAAACcBQ%3d%3d%22%7D%5d"
    route = respx_mock.get(url).mock(
        side_effect=[
            httpx.Response(200, json={
                "@odata.count": 1,
                "@odata.nextLink": next_link,
                "value": [_message(content='Hello World <at id="0">Jane Smith</at>',
                                   mentions=[{"id": 0, "mentionText": "Jane Smith", "mentioned": {"user": {"id": "ef1c916a", "displayName": "Jane Smith"}}}],
                                   replies=[_message("1616965900000", "Thanks!", content_type="text", replyToId="1616965872395")])],
            }),
            httpx.Response(200, json={"value": [_message("1616963377068", "<div><p>Older</p></div>")]}),
        ]
    )
    action = catalog.action("microsoft_teams-list-channel-messages")
    result = await run_action(action, {"teamId": TEAM, "channelId": CHANNEL, "limit": 1, "includeReplies": True}, auth=AUTH)
    assert result.error is None, result.error
    assert_graph(route.calls[0].request, "GET", f"{url}?%24top=1&%24expand=replies")
    message = result.ret["messages"][0]
    assert message["text"] == "Hello World Jane Smith"
    assert message["mentions"] == ["Jane Smith"]
    assert message["replies"][0]["text"] == "Thanks!"
    assert result.ret["next_cursor"]
    assert result.summary == f"Listed 1 message(s) of channel {CHANNEL} (more available)"

    older = await run_action(action, {"teamId": TEAM, "channelId": CHANNEL, "cursor": result.ret["next_cursor"]}, auth=AUTH)
    assert older.error is None, older.error
    assert str(route.calls[1].request.url) == next_link
    assert older.ret["next_cursor"] is None and len(older.ret["messages"]) == 1
    assert older.ret["messages"][0]["text"] == "Older"

    forged = base64.urlsafe_b64encode(json.dumps({"link": "https://evil.example.com/x", "skip": 0}).encode()).decode()
    foreign = await run_action(action, {"teamId": TEAM, "channelId": CHANNEL, "cursor": forged}, auth=AUTH)
    assert "cursor must be the `next_cursor` of a previous result" in foreign.error
    garbled = await run_action(action, {"teamId": TEAM, "channelId": CHANNEL, "cursor": "not-a-cursor"}, auth=AUTH)
    assert "cursor must be the `next_cursor`" in garbled.error
    assert route.call_count == 2


# Chats


async def test_send_chat_message(catalog, respx_mock):
    url = f"{GRAPH}/chats/{CHAT}/messages"
    route = respx_mock.post(url).mock(
        return_value=httpx.Response(201, json=_message("1616991463150", "Hello world", content_type="text", chatId=CHAT, channelIdentity=None))
    )
    result = await run_action(catalog.action("microsoft_teams-send-chat-message"), {"chatId": CHAT, "content": "Hello world"}, auth=AUTH)
    assert result.error is None, result.error
    assert_graph(route.calls.last.request, "POST", url, body={"body": {"contentType": "text", "content": "Hello world"}})
    assert result.ret["chatId"] == CHAT
    assert result.summary == f"Sent message 1616991463150 to chat {CHAT}"


async def test_send_chat_message_refuses_empty_text(catalog, respx_mock):
    route = respx_mock.post(f"{GRAPH}/chats/{CHAT}/messages")
    result = await run_action(catalog.action("microsoft_teams-send-chat-message"), {"chatId": CHAT, "content": "   "}, auth=AUTH)
    assert "the message content is empty" in result.error
    assert not route.calls


async def test_list_chats_filters_by_type_with_members(catalog, respx_mock):
    route = respx_mock.get(f"{GRAPH}/me/chats").mock(
        return_value=httpx.Response(
            200,
            json={
                "@odata.count": 1,
                "value": [
                    {"id": CHAT, "topic": None, "createdDateTime": "2020-12-03T19:41:07.054Z",
                     "lastUpdatedDateTime": "2020-12-08T23:53:11.012Z", "chatType": "group",
                     "webUrl": "https://teams.microsoft.com/l/chat/19%3A561082c0f3f847a58069deb8eb300807@thread.v2/0",
                     "members": [
                         {"@odata.type": "#microsoft.graph.aadUserConversationMember", "id": "MmFiOWM3OTYt", "roles": [],
                          "displayName": "Tony Stark", "userId": "4595d2f2-7b31-446c-84fd-9b795e63114b",
                          "email": "starkt@teamsgraph.onmicrosoft.com"},
                         {"@odata.type": "#microsoft.graph.aadUserConversationMember", "id": "MmFiOWM3OTYu", "roles": [],
                          "displayName": "Bruce Banner", "userId": "48bf9d52-dca7-4a5f-8398-37b95cc7bd83",
                          "email": "bannerb@teamsgraph.onmicrosoft.com"},
                     ]},
                ],
            },
        )
    )
    result = await run_action(catalog.action("microsoft_teams-list-chats"), {"limit": 10, "chatType": "group"}, auth=AUTH)
    assert result.error is None, result.error
    assert_graph(
        route.calls.last.request, "GET",
        f"{GRAPH}/me/chats?%24expand=members&%24top=10&%24orderby=lastMessagePreview%2FcreatedDateTime+desc"
        "&%24filter=chatType+eq+%27group%27",
    )
    chat = result.ret["chats"][0]
    assert chat["label"] == "Group chat with Tony Stark, Bruce Banner"
    assert chat["members"][0] == {"displayName": "Tony Stark", "email": "starkt@teamsgraph.onmicrosoft.com",
                                  "userId": "4595d2f2-7b31-446c-84fd-9b795e63114b"}
    assert result.summary == "Listed 1 chat(s)"


async def test_list_chat_messages(catalog, respx_mock):
    url = f"{GRAPH}/chats/{CHAT}/messages"
    route = respx_mock.get(url).mock(
        return_value=httpx.Response(200, json={"@odata.count": 1, "value": [_message("1616964509832", "<p>Hello world</p>", chatId=CHAT)]})
    )
    result = await run_action(catalog.action("microsoft_teams-list-chat-messages"), {"chatId": CHAT, "limit": 5}, auth=AUTH)
    assert result.error is None, result.error
    assert_graph(route.calls.last.request, "GET", f"{url}?%24top=5")
    assert result.ret["messages"][0]["text"] == "Hello world"
    assert result.summary == f"Listed 1 message(s) of chat {CHAT}"


# Errors, refresh, throttling


async def test_not_found_reports_graphs_code_and_message(catalog, respx_mock):
    respx_mock.post(f"{GRAPH}/teams/{TEAM}/channels/{CHANNEL}/messages").mock(
        return_value=httpx.Response(
            404,
            json={"error": {"code": "NotFound", "message": "No team found with Group Id fbe2bf47-16c8-47cf-b4a5-4b9b187c508b",
                            "innerError": {"date": "2024-05-01T10:00:00", "request-id": "0f3c8b1a-1d9b-4b1e-9d2e-2f2d2b6e9f10",
                                           "client-request-id": "0f3c8b1a-1d9b-4b1e-9d2e-2f2d2b6e9f10"}}},
        )
    )
    result = await run_action(
        catalog.action("microsoft_teams-send-channel-message"), {"teamId": TEAM, "channelId": CHANNEL, "content": "hi"}, auth=AUTH
    )
    assert result.ret is None
    assert result.error == (
        f"Microsoft Teams API error 404 on POST {GRAPH}/teams/{TEAM}/channels/{CHANNEL}/messages: "
        f"No team found with Group Id {TEAM} [NotFound] (no team, channel, chat or message has that ID for the "
        "connected user; list them to get valid IDs)"
    )


async def test_a_401_refreshes_the_token_and_retries(catalog, respx_mock):
    route = respx_mock.get(f"{GRAPH}/me/joinedTeams").mock(
        side_effect=[
            httpx.Response(401, json={"error": {"code": "InvalidAuthenticationToken", "message": "Access token has expired or is not yet valid."}}),
            httpx.Response(200, json={"value": []}),
        ]
    )
    calls = []

    async def refresh():
        calls.append(1)
        return {"Authorization": "Bearer eyJ0eXAiOi-refreshed"}

    result = await run_action(catalog.action("microsoft_teams-list-teams"), {}, auth=AUTH, on_unauthorized=refresh)
    assert result.error is None, result.error
    assert calls == [1]
    assert route.calls[0].request.headers["authorization"] == f"Bearer {TOKEN}"
    assert_graph(route.calls[1].request, "GET", f"{GRAPH}/me/joinedTeams", token="eyJ0eXAiOi-refreshed")


async def test_a_401_without_fresh_credentials_asks_to_reconnect(catalog, respx_mock):
    respx_mock.get(f"{GRAPH}/me/joinedTeams").mock(
        return_value=httpx.Response(401, json={"error": {"code": "InvalidAuthenticationToken", "message": "Access token has expired or is not yet valid."}})
    )

    async def refresh():
        return None

    result = await run_action(catalog.action("microsoft_teams-list-teams"), {}, auth=AUTH, on_unauthorized=refresh)
    assert "Access token has expired" in result.error and "reconnect" in result.error


async def test_a_429_says_when_to_retry(catalog, respx_mock):
    respx_mock.get(f"{GRAPH}/chats/{CHAT}/messages").mock(
        return_value=httpx.Response(
            429,
            json={"error": {"code": "TooManyRequests", "message": "Too many requests from Identifier:... under category:ChatMessage."}},
            headers={"Retry-After": "17"},
        )
    )
    result = await run_action(catalog.action("microsoft_teams-list-chat-messages"), {"chatId": CHAT}, auth=AUTH)
    assert result.ret is None
    assert "Too many requests" in result.error and "[TooManyRequests]" in result.error
    assert "retry after 17 s" in result.error


# Remote options


async def test_team_options_follow_the_next_link(catalog, respx_mock):
    next_link = f"{GRAPH}/me/joinedTeams?$skiptoken=X%27453707%27"
    route = respx_mock.get(f"{GRAPH}/me/joinedTeams").mock(
        side_effect=[
            httpx.Response(200, json={"value": [{"id": TEAM, "displayName": "Contoso Team"}], "@odata.nextLink": next_link}),
            httpx.Response(200, json={"value": [{"id": "02bd9fd6-8f93-4758-87c3-1fb73740a315", "displayName": "HR Taskforce"}]}),
        ]
    )
    action = catalog.action("microsoft_teams-send-channel-message")
    first = await fetch_options(action, "teamId", {}, auth=AUTH)
    assert first["options"] == [{"label": "Contoso Team", "value": TEAM}]
    assert first["context"] == {"nextLink": next_link}
    assert_graph(route.calls[0].request, "GET", f"{GRAPH}/me/joinedTeams?%24select=id%2CdisplayName")
    second = await fetch_options(action, "teamId", {}, auth=AUTH, page=1, prev_context=first["context"])
    assert second["options"] == [{"label": "HR Taskforce", "value": "02bd9fd6-8f93-4758-87c3-1fb73740a315"}]
    assert second["context"] is None
    assert str(route.calls[1].request.url) == next_link
    done = await fetch_options(action, "teamId", {}, auth=AUTH, page=2, prev_context={})
    assert done["options"] == [] and route.call_count == 2


async def test_channel_and_chat_options(catalog, respx_mock):
    respx_mock.get(f"{GRAPH}/teams/{TEAM}/channels").mock(
        return_value=httpx.Response(200, json={"value": [{"id": CHANNEL, "displayName": "General", "membershipType": "standard"}]})
    )
    respx_mock.get(f"{GRAPH}/me/chats").mock(
        return_value=httpx.Response(200, json={"value": [{"id": CHAT, "topic": "Launch prep", "chatType": "group", "members": []}]})
    )
    channels = await fetch_options(catalog.action("microsoft_teams-reply-to-message"), "channelId", {"teamId": TEAM}, auth=AUTH)
    assert channels["options"] == [{"label": "General", "value": CHANNEL}]
    missing = await fetch_options(catalog.action("microsoft_teams-reply-to-message"), "channelId", {}, auth=AUTH)
    assert "choose the team (teamId) first" in missing["errors"][0]
    chats = await fetch_options(catalog.action("microsoft_teams-send-chat-message"), "chatId", {}, auth=AUTH)
    assert chats["options"] == [{"label": "Launch prep", "value": CHAT}]


# Account test


async def _account_test(catalog, auth):
    app = catalog.apps["microsoft_teams"]
    async with httpx.AsyncClient() as client:
        http = AppHttp(client, app_name=app.name, headers=app.headers_for(auth), base_url=app.base_url_for(auth),
                       allowed_domains=app.allowed_domains_for(auth))
        return await app.test(AccountContext(auth=auth, http=http))


async def test_account_test_reads_the_signed_in_user(catalog, respx_mock):
    route = respx_mock.get(f"{GRAPH}/me").mock(
        return_value=httpx.Response(
            200,
            json={"@odata.context": "https://graph.microsoft.com/v1.0/$metadata#users(id,displayName,userPrincipalName,mail)/$entity",
                  "id": "87d349ed-44d7-43e1-9a83-5f2406dee5bd", "displayName": "Megan Bowen",
                  "userPrincipalName": "MeganB@M365x214355.onmicrosoft.com", "mail": "MeganB@M365x214355.onmicrosoft.com"},
        )
    )
    identity = await _account_test(catalog, AUTH)
    assert identity == Identity(name="MeganB@M365x214355.onmicrosoft.com", external_id="87d349ed-44d7-43e1-9a83-5f2406dee5bd")
    assert_graph(route.calls.last.request, "GET", f"{GRAPH}/me?%24select=id%2CdisplayName%2CuserPrincipalName%2Cmail")


async def test_account_test_raises_on_a_rejected_token(catalog, respx_mock):
    respx_mock.get(f"{GRAPH}/me").mock(
        return_value=httpx.Response(401, json={"error": {"code": "InvalidAuthenticationToken", "message": "IDX14100: JWT is not well formed."}})
    )
    with pytest.raises(UpstreamError, match="JWT is not well formed") as raised:
        await _account_test(catalog, AUTH)
    assert raised.value.status == 401


def test_oauth_settings_are_microsofts_v2_endpoints(catalog):
    auth = catalog.apps["microsoft_teams"].auth
    assert auth.authorize_url == "https://login.microsoftonline.com/common/oauth2/v2.0/authorize"
    assert auth.token_url == "https://login.microsoftonline.com/common/oauth2/v2.0/token"
    assert "offline_access" in auth.scopes and "ChannelMessage.Send" in auth.scopes and "ChatMessage.Send" in auth.scopes
