"""Microsoft Teams threads, edits, chats and membership at the HTTP boundary, with answers shaped
like the Microsoft Graph v1.0 reference (https://learn.microsoft.com/graph/api/resources/teams-api-overview)."""

import httpx

from mcp_gateway.runtime.engine import fetch_options, run_action
from tests.apps.test_microsoft_teams import AUTH, CHANNEL, CHAT, GRAPH, TEAM, USER, _message, assert_graph

VENDOR_EXEMPT = {
    ("POST", "/teams/{team-id}/members", "user@odata.bind"):
        "aadUserConversationMember binds its user with the `user@odata.bind` annotation (team-post-members reference)",
}

CHANNEL_JSON = {
    "id": CHANNEL, "createdDateTime": "2020-05-27T19:22:25.692Z", "displayName": "General",
    "description": "test channel", "isFavoriteByDefault": None, "email": "someemail@dot.com", "tenantId": "b33cbe9f-8ebe-4f2a-912b-7e2a427f477f",
    "webUrl": f"https://teams.microsoft.com/l/channel/{CHANNEL}/General?groupId={TEAM}", "membershipType": "standard",
}


async def test_get_channel(catalog, respx_mock):
    route = respx_mock.get(f"{GRAPH}/teams/{TEAM}/channels/{CHANNEL}").mock(return_value=httpx.Response(200, json=CHANNEL_JSON))
    result = await run_action(catalog.action("microsoft_teams-get-channel"), {"teamId": TEAM, "channelId": CHANNEL}, auth=AUTH)
    assert result.error is None, result.error
    assert_graph(route.calls.last.request, "GET", f"{GRAPH}/teams/{TEAM}/channels/{CHANNEL}")
    assert result.ret == {k: CHANNEL_JSON[k] for k in ("id", "displayName", "description", "membershipType", "createdDateTime", "webUrl", "email")}
    assert result.summary == f'Read channel "General" ({CHANNEL})'
    whole = await run_action(catalog.action("microsoft_teams-get-channel"), {"teamId": TEAM, "channelId": CHANNEL, "fullResponse": True}, auth=AUTH)
    assert whole.ret == CHANNEL_JSON


async def test_list_message_replies_follows_the_next_link(catalog, respx_mock):
    url = f"{GRAPH}/teams/{TEAM}/channels/{CHANNEL}/messages/1616965872395/replies"
    next_link = f"{url}?$skiptoken=M2UyZDAwMDAwMDMxMzkzYTMyMzMzNDM1MzUzNjM0MzQzNTMyMzUzMTY0MzAzNDM1"
    route = respx_mock.get(url).mock(side_effect=[
        httpx.Response(200, json={"@odata.count": 1, "@odata.nextLink": next_link,
                                  "value": [_message("1616989510408", "Thanks!", content_type="text", replyToId="1616965872395")]}),
        httpx.Response(200, json={"@odata.count": 1, "value": [_message("1616989753153", "<p>Sure</p>", replyToId="1616965872395")]}),
    ])
    result = await run_action(catalog.action("microsoft_teams-list-message-replies"),
                              {"teamId": TEAM, "channelId": CHANNEL, "messageId": "1616965872395", "limit": 5}, auth=AUTH)
    assert result.error is None, result.error
    assert_graph(route.calls[0].request, "GET", f"{url}?%24top=5")
    assert str(route.calls[1].request.url) == next_link
    assert [r["text"] for r in result.ret["replies"]] == ["Thanks!", "Sure"]
    assert result.ret["next_cursor"] is None
    assert result.summary == "Listed 2 replies to message 1616965872395"


async def test_a_page_larger_than_the_limit_resumes_where_it_stopped(catalog, respx_mock):
    # /me/joinedTeams ignores $top: the cursor remembers the page and how far into it the caller got.
    teams = [{"id": f"team-{n}", "displayName": f"Team {n}", "description": None, "isArchived": False} for n in range(3)]
    route = respx_mock.get(f"{GRAPH}/me/joinedTeams").mock(return_value=httpx.Response(200, json={"value": teams}))
    action = catalog.action("microsoft_teams-list-teams")
    first = await run_action(action, {"limit": 2}, auth=AUTH)
    assert [t["id"] for t in first.ret["teams"]] == ["team-0", "team-1"]
    assert first.summary == "Listed 2 team(s) (more available)"
    rest = await run_action(action, {"limit": 2, "cursor": first.ret["next_cursor"]}, auth=AUTH)
    assert str(route.calls[1].request.url) == f"{GRAPH}/me/joinedTeams"
    assert [t["id"] for t in rest.ret["teams"]] == ["team-2"]
    assert rest.ret["next_cursor"] is None


async def test_update_channel_message_patches_the_body(catalog, respx_mock):
    url = f"{GRAPH}/teams/{TEAM}/channels/{CHANNEL}/messages/1616965872395"
    route = respx_mock.patch(url).mock(return_value=httpx.Response(204))
    result = await run_action(catalog.action("microsoft_teams-update-channel-message"),
                              {"teamId": TEAM, "channelId": CHANNEL, "messageId": "1616965872395", "content": "Build 513 passed"}, auth=AUTH)
    assert result.error is None, result.error
    assert_graph(route.calls.last.request, "PATCH", url, body={"body": {"contentType": "text", "content": "Build 513 passed"}})
    assert result.ret == {"id": "1616965872395", "channelId": CHANNEL, "updated": True}
    assert result.summary == f"Updated message 1616965872395 in channel {CHANNEL}"


async def test_delete_channel_message_soft_deletes_it(catalog, respx_mock):
    url = f"{GRAPH}/teams/{TEAM}/channels/{CHANNEL}/messages/1616965872395/softDelete"
    route = respx_mock.post(url).mock(return_value=httpx.Response(204))
    result = await run_action(catalog.action("microsoft_teams-delete-channel-message"),
                              {"teamId": TEAM, "channelId": CHANNEL, "messageId": "1616965872395"}, auth=AUTH)
    assert result.error is None, result.error
    assert_graph(route.calls.last.request, "POST", url)
    assert not route.calls.last.request.content
    assert result.ret == {"id": "1616965872395", "channelId": CHANNEL, "deleted": True}
    assert catalog.action("microsoft_teams-delete-channel-message").annotations.destructive is True


def _bind(user):
    return {"@odata.type": "#microsoft.graph.aadUserConversationMember", "roles": ["owner"],
            "user@odata.bind": f"https://graph.microsoft.com/v1.0/users('{user}')"}


async def test_create_chat_adds_the_connected_user_and_names_a_group(catalog, respx_mock):
    me = respx_mock.get(f"{GRAPH}/me").mock(return_value=httpx.Response(200, json={"id": USER}))
    created = {"id": "19:1c5b01696d2e4a179c292bc9cf04e63b@thread.v2", "topic": "Group chat title",
               "createdDateTime": "2020-12-04T23:10:28.51Z", "lastUpdatedDateTime": "2020-12-04T23:10:28.51Z", "chatType": "group",
               "webUrl": "https://teams.microsoft.com/l/chat/19%3A1c5b01696d2e4a179c292bc9cf04e63b@thread.v2/0"}
    route = respx_mock.post(f"{GRAPH}/chats").mock(return_value=httpx.Response(201, json=created))
    result = await run_action(catalog.action("microsoft_teams-create-chat"),
                              {"members": ["82af01c5-f7cc-4a2e-a728-3a5df21afd9d", "alex@contoso.com"], "topic": "Group chat title"},
                              auth=AUTH)
    assert result.error is None, result.error
    assert_graph(me.calls.last.request, "GET", f"{GRAPH}/me?%24select=id")
    assert_graph(route.calls.last.request, "POST", f"{GRAPH}/chats", body={
        "chatType": "group", "topic": "Group chat title",
        "members": [_bind(USER), _bind("82af01c5-f7cc-4a2e-a728-3a5df21afd9d"), _bind("alex@contoso.com")]})
    assert result.ret["id"] == created["id"] and result.ret["label"] == "Group chat title"
    assert result.summary == f"Created group chat {created['id']} with 2 other(s)"


async def test_create_chat_with_one_person_is_one_on_one_without_topic(catalog, respx_mock):
    refused = await run_action(catalog.action("microsoft_teams-create-chat"), {"members": ["alex@contoso.com"], "topic": "x"}, auth=AUTH)
    assert "one-on-one chat cannot have a topic" in refused.error
    assert not respx_mock.calls
    respx_mock.get(f"{GRAPH}/me").mock(return_value=httpx.Response(200, json={"id": USER}))
    route = respx_mock.post(f"{GRAPH}/chats").mock(return_value=httpx.Response(201, json={"id": CHAT, "chatType": "oneOnOne", "topic": None}))
    result = await run_action(catalog.action("microsoft_teams-create-chat"), {"members": ["alex@contoso.com"]}, auth=AUTH)
    assert result.error is None, result.error
    assert_graph(route.calls.last.request, "POST", f"{GRAPH}/chats",
                 body={"chatType": "oneOnOne", "members": [_bind(USER), _bind("alex@contoso.com")]})


async def test_add_team_member_as_owner(catalog, respx_mock):
    url = f"{GRAPH}/teams/{TEAM}/members"
    added = {"@odata.context": f"https://graph.microsoft.com/v1.0/$metadata#teams('{TEAM}')/members/$entity",
             "@odata.type": "#microsoft.graph.aadUserConversationMember",
             "id": "ZWUwZjVhZTItOGJjNi00YWU1LTg0NjYtN2RhZWViYmZhMDYyIyM3Mzc2MWYwNi0yYWM5LTQ2OWMtOWYxMC0yNzlhOGNjMjY3Zjk=",
             "roles": ["owner"], "displayName": "Cameron White", "userId": "50dffbae-ad0f-428e-a86f-f53b0acfc641",
             "email": "CameronW@M365x987948.OnMicrosoft.com"}
    route = respx_mock.post(url).mock(return_value=httpx.Response(201, json=added))
    result = await run_action(catalog.action("microsoft_teams-add-team-member"),
                              {"teamId": TEAM, "userId": "50dffbae-ad0f-428e-a86f-f53b0acfc641", "owner": True}, auth=AUTH)
    assert result.error is None, result.error
    assert_graph(route.calls.last.request, "POST", url, body={
        "@odata.type": "#microsoft.graph.aadUserConversationMember", "roles": ["owner"],
        "user@odata.bind": "https://graph.microsoft.com/v1.0/users('50dffbae-ad0f-428e-a86f-f53b0acfc641')"})
    assert result.ret == {"id": added["id"], "displayName": "Cameron White", "email": "CameronW@M365x987948.OnMicrosoft.com",
                          "userId": "50dffbae-ad0f-428e-a86f-f53b0acfc641", "role": "owner"}
    assert result.summary == f"Added Cameron White to team {TEAM} as owner"


async def test_message_and_user_options(catalog, respx_mock):
    messages = respx_mock.get(f"{GRAPH}/teams/{TEAM}/channels/{CHANNEL}/messages").mock(
        return_value=httpx.Response(200, json={"value": [_message("1616965872395", "<p>Release 2.4 is out</p>")]}))
    users = respx_mock.get(f"{GRAPH}/users").mock(return_value=httpx.Response(200, json={"value": [
        {"id": "87d349ed-44d7-43e1-9a83-5f2406dee5bd", "displayName": "Megan Bowen", "mail": "MeganB@M365x214355.onmicrosoft.com",
         "userPrincipalName": "MeganB@M365x214355.onmicrosoft.com"}]}))
    action = catalog.action("microsoft_teams-list-message-replies")
    picked = await fetch_options(action, "messageId", {"teamId": TEAM, "channelId": CHANNEL}, auth=AUTH)
    assert picked["options"] == [{"label": "Robin Kline: Release 2.4 is out", "value": "1616965872395"}]
    assert_graph(messages.calls.last.request, "GET", f"{GRAPH}/teams/{TEAM}/channels/{CHANNEL}/messages?%24top=50")
    missing = await fetch_options(action, "messageId", {"teamId": TEAM}, auth=AUTH)
    assert "choose the channel (channelId) first" in missing["errors"][0]
    people = await fetch_options(catalog.action("microsoft_teams-add-team-member"), "userId", {"teamId": TEAM}, auth=AUTH)
    assert people["options"] == [{"label": "Megan Bowen (MeganB@M365x214355.onmicrosoft.com)", "value": "87d349ed-44d7-43e1-9a83-5f2406dee5bd"}]
    assert_graph(users.calls.last.request, "GET", f"{GRAPH}/users?%24select=id%2CdisplayName%2Cmail%2CuserPrincipalName&%24top=100")


async def test_get_team(catalog, respx_mock):
    team = {"id": TEAM, "createdDateTime": "2018-12-22T02:21:05Z", "displayName": "Finance", "description": "This is the Contoso Finance Group.",
            "classification": None, "specialization": "none", "visibility": "private", "isArchived": False,
            "webUrl": f"https://teams.microsoft.com/l/team/19:c9b49b0b3e4d4d1abf8f0d5a2f1a7a3e%40thread.skype/conversations?groupId={TEAM}",
            "memberSettings": {"allowCreateUpdateChannels": True}}
    route = respx_mock.get(f"{GRAPH}/teams/{TEAM}").mock(return_value=httpx.Response(200, json=team))
    result = await run_action(catalog.action("microsoft_teams-get-team"), {"teamId": TEAM}, auth=AUTH)
    assert result.error is None, result.error
    assert_graph(route.calls.last.request, "GET", f"{GRAPH}/teams/{TEAM}")
    assert result.ret == {"id": TEAM, "displayName": "Finance", "description": "This is the Contoso Finance Group.",
                          "isArchived": False, "visibility": "private", "webUrl": team["webUrl"]}
    assert result.summary == f'Read team "Finance" ({TEAM})'


async def test_list_chat_members(catalog, respx_mock):
    route = respx_mock.get(f"{GRAPH}/chats/{CHAT}/members").mock(return_value=httpx.Response(200, json={"@odata.count": 1, "value": [
        {"@odata.type": "#microsoft.graph.aadUserConversationMember", "id": "8b081ef6-4792-4def-b2c9-c363a1bf41d5", "roles": ["owner"],
         "displayName": "John Doe", "visibleHistoryStartDateTime": "2019-04-18T23:51:43.255Z",
         "userId": "8b081ef6-4792-4def-b2c9-c363a1bf41d5", "email": None, "tenantId": "6e5147da-6a35-4275-b3f3-fc069456b6eb"}]}))
    result = await run_action(catalog.action("microsoft_teams-list-chat-members"), {"chatId": CHAT}, auth=AUTH)
    assert result.error is None, result.error
    assert_graph(route.calls.last.request, "GET", f"{GRAPH}/chats/{CHAT}/members")
    assert result.ret == {"members": [{"id": "8b081ef6-4792-4def-b2c9-c363a1bf41d5", "displayName": "John Doe", "email": None,
                                       "userId": "8b081ef6-4792-4def-b2c9-c363a1bf41d5", "role": "owner"}], "next_cursor": None}
    assert result.summary == f"Listed 1 member(s) of chat {CHAT}"
