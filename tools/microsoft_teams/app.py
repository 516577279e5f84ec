import base64
import binascii
import html
import json
import re
from urllib.parse import quote

from mcp_gateway.catalog import ActionError, App, Identity, Option, OptionsPage, props

from .. import _microsoft

GRAPH = _microsoft.GRAPH

# Delegated Microsoft Graph permissions the actions use; offline_access yields a refresh token.
SCOPES = [
    "offline_access",
    "User.Read",
    "User.ReadBasic.All",
    "Team.ReadBasic.All",
    "Channel.ReadBasic.All",
    "Channel.Create",
    "ChannelMessage.Send",
    "ChannelMessage.Read.All",
    "ChannelMessage.ReadWrite",
    "TeamMember.Read.All",
    "TeamMember.ReadWrite.All",
    "Chat.ReadWrite",
    "ChatMessage.Send",
]


async def _account_test(ctx):
    """The signed-in user (`GET /me`)."""
    me = await graph(ctx, "GET", "/me", params={"$select": "id,displayName,userPrincipalName,mail"})
    return Identity(name=me.get("userPrincipalName") or me.get("mail") or me.get("displayName"), external_id=me.get("id"))


app = App(
    "microsoft_teams",
    "Microsoft Teams",
    "Post, read, edit and delete messages in Microsoft Teams channels and chats, read and reply to threads, "
    "start chats, create channels, add team members, and look up the connected user's teams, channels, chats "
    "and team members.",
    auth=_microsoft.graph_oauth(SCOPES),
    categories=["Communication"],
    featured_weight=85,
    base_url=GRAPH,
    allowed_domains=["graph.microsoft.com"],
    test=_account_test,
)


# Errors and requests

ERROR_HINTS = {
    "itemnotfound": "no item has that ID, or the connected user cannot see it; list again to get a current ID",
    "notfound": "no team, channel, chat or message has that ID for the connected user; list them to get valid IDs",
    "forbidden": "the connected user is not allowed to do this here (not a member, or a team or tenant policy forbids it)",
    "accessdenied": "the connected user is not allowed to do this here",
    "conflict": "this clashes with something that already exists (e.g. a channel of the same name)",
    "invalidauthenticationtoken": "the Microsoft sign-in was rejected; the user should reconnect the account",
}


def graph_error(method, response):
    return _microsoft.graph_error(
        app.name, method, response, hints=ERROR_HINTS,
        forbidden="the account lacks permission for this operation (missing consent or access)",
        not_found="check that the IDs passed are correct and visible to this account",
    )


async def graph(ctx, method, path, **kw):
    """Call Microsoft Graph (see `_microsoft.graph`)."""
    return await _microsoft.graph(ctx, method, path, error=graph_error, **kw)


def _encode_cursor(link, skip):
    raw = json.dumps({"link": link, "skip": skip}, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _decode_cursor(cursor):
    """The page URL and how many of its items were already returned; the URL must be Graph's."""
    try:
        data = json.loads(base64.urlsafe_b64decode(str(cursor) + "=" * (-len(str(cursor)) % 4)))
        link, skip = str(data["link"]), int(data["skip"])
    except (binascii.Error, ValueError, KeyError, TypeError):
        link, skip = "", 0
    if not link.startswith(f"{GRAPH}/"):
        raise ActionError("cursor must be the `next_cursor` of a previous result of this action, unchanged")
    return link, skip


async def collect(ctx, path, *, limit, cursor, params=None):
    """Up to `limit` items of a Graph collection and the cursor of the items after them.

    Graph pages with `@odata.nextLink`, and some collections ignore `$top`; when a page holds more
    than is wanted, the cursor remembers that page and how far into it the caller got."""
    items = []
    link, skip = _decode_cursor(cursor) if cursor else (None, 0)
    while True:
        if link:
            response = await graph(ctx, "GET", link, raw=True)
        else:
            response = await graph(ctx, "GET", path, params=params, raw=True)
        data = response.json()
        page = (data.get("value") or [])[skip:]
        room = limit - len(items)
        if len(page) > room:
            items.extend(page[:room])
            return items, _encode_cursor(str(response.request.url), skip + room)
        items.extend(page)
        link, skip = data.get("@odata.nextLink"), 0
        if not link:
            return items, None
        if len(items) >= limit:
            return items, _encode_cursor(link, 0)


def more(cursor):
    return " (more available)" if cursor else ""


def seg(value):
    """An ID as one URL path segment (channel IDs hold `:` and `@`)."""
    return quote(str(value).strip(), safe=":@")


# Message bodies

_TAG = re.compile(r"<[^>]+>")
_BREAK = re.compile(r"<\s*(br|/p|/div)\s*/?>", re.IGNORECASE)


def html_to_text(content):
    """The readable text of an HTML message body."""
    text = _BREAK.sub("\n", content or "")
    text = html.unescape(_TAG.sub("", text))
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def message_body(content, content_type):
    if not str(content or "").strip():
        raise ActionError("the message content is empty; give some text")
    return {"contentType": content_type or "text", "content": content}


def sender_of(message):
    sender = message.get("from") or {}
    who = sender.get("user") or sender.get("application") or sender.get("device") or {}
    return {"id": who.get("id"), "displayName": who.get("displayName")} if who else None


def message_summary(message):
    """The parts of a chatMessage worth reading."""
    body = message.get("body") or {}
    content = body.get("content") or ""
    out = {
        "id": message.get("id"),
        "replyToId": message.get("replyToId"),
        "messageType": message.get("messageType"),
        "createdDateTime": message.get("createdDateTime"),
        "from": sender_of(message),
        "subject": message.get("subject"),
        "text": html_to_text(content) if body.get("contentType") == "html" else content,
        "webUrl": message.get("webUrl"),
    }
    if message.get("chatId"):
        out["chatId"] = message["chatId"]
    if message.get("importance") and message["importance"] != "normal":
        out["importance"] = message["importance"]
    if message.get("attachments"):
        out["attachments"] = [{k: a.get(k) for k in ("id", "name", "contentType", "contentUrl")} for a in message["attachments"]]
    if message.get("mentions"):
        out["mentions"] = [m.get("mentionText") for m in message["mentions"]]
    if message.get("reactions"):
        out["reactions"] = [r.get("reactionType") for r in message["reactions"]]
    if message.get("replies") is not None:
        out["replies"] = [message_summary(r) for r in message["replies"]]
    return out


def team_summary(team):
    return {k: team.get(k) for k in ("id", "displayName", "description", "isArchived", "visibility", "webUrl")}


def channel_summary(channel):
    return {
        k: channel.get(k)
        for k in ("id", "displayName", "description", "membershipType", "createdDateTime", "webUrl", "email")
    }


def member_summary(member):
    roles = member.get("roles") or []
    return {
        "id": member.get("id"),
        "displayName": member.get("displayName"),
        "email": member.get("email"),
        "userId": member.get("userId"),
        "role": "owner" if "owner" in roles else "guest" if "guest" in roles else "member",
    }


def chat_summary(chat):
    return {
        "id": chat.get("id"),
        "label": chat_label(chat),
        "topic": chat.get("topic"),
        "chatType": chat.get("chatType"),
        "members": [
            {"displayName": m.get("displayName"), "email": m.get("email"), "userId": m.get("userId")}
            for m in chat.get("members") or []
        ],
        "lastUpdatedDateTime": chat.get("lastUpdatedDateTime"),
        "webUrl": chat.get("webUrl"),
    }


def chat_label(chat):
    if chat.get("topic"):
        return chat["topic"]
    names = [m.get("displayName") for m in chat.get("members") or [] if m.get("displayName")]
    kind = {"oneOnOne": "Chat", "group": "Group chat", "meeting": "Meeting chat"}.get(chat.get("chatType"), "Chat")
    return f"{kind} with {', '.join(names)}" if names else f"{kind} {chat.get('id')}"


# Remote options


async def _linked_options(ctx, path, params, to_option):
    """A page of a Graph collection; later pages follow `@odata.nextLink`."""
    link = ctx.prev_context.get("nextLink")
    if ctx.page > 0 and not link:
        return []
    data = await graph(ctx, "GET", link) if link else await graph(ctx, "GET", path, params=params)
    options = [to_option(item) for item in data.get("value") or []]
    following = data.get("@odata.nextLink")
    return OptionsPage(options=options, context={"nextLink": following} if following else None)


def chosen_team(ctx):
    if not ctx.props.get("teamId"):
        raise ActionError("choose the team (teamId) first; its channels are listed from it")
    return seg(ctx.props.teamId)


async def team_options(ctx):
    return await _linked_options(
        ctx,
        "/me/joinedTeams",
        {"$select": "id,displayName"},
        lambda t: Option(label=t.get("displayName") or t["id"], value=t["id"]),
    )


async def channel_options(ctx):
    return await _linked_options(
        ctx,
        f"/teams/{chosen_team(ctx)}/channels",
        {"$select": "id,displayName,membershipType"},
        lambda c: Option(label=c.get("displayName") or c["id"], value=c["id"]),
    )


async def message_options(ctx):
    if not ctx.props.get("channelId"):
        raise ActionError("choose the channel (channelId) first; its messages are listed from it")
    path = f"/teams/{chosen_team(ctx)}/channels/{seg(ctx.props.channelId)}/messages"

    def to_option(message):
        text = html_to_text((message.get("body") or {}).get("content")) or message.get("subject") or message["id"]
        who = (sender_of(message) or {}).get("displayName")
        label = f"{who}: {text}" if who else text
        return Option(label=label[:80], value=message["id"])

    return await _linked_options(ctx, path, {"$top": 50}, to_option)


async def user_options(ctx):
    def to_option(user):
        address = user.get("mail") or user.get("userPrincipalName")
        label = f"{user.get('displayName')} ({address})" if address else str(user.get("displayName") or user["id"])
        return Option(label=label, value=user["id"])

    return await _linked_options(ctx, "/users", {"$select": "id,displayName,mail,userPrincipalName", "$top": 100}, to_option)


def user_bind(user):
    """The `user@odata.bind` reference Graph takes for a member: a user ID or sign-in name."""
    value = str(user or "").strip()
    if not value:
        raise ActionError("give a user ID (a GUID) or a sign-in name such as `adele@contoso.com`")
    return f"{GRAPH}/users('{quote(value, safe='@.')}')"


async def chat_options(ctx):
    return await _linked_options(
        ctx, "/me/chats", {"$expand": "members", "$top": 50}, lambda c: Option(label=chat_label(c), value=c["id"])
    )


app.define(
    "teamId",
    props.string(
        "Team",
        "The ID of a team the connected user belongs to (a GUID such as `fbe2bf47-16c8-47cf-b4a5-4b9b187c508b`). "
        "The choices list the user's teams; microsoft_teams-list-teams lists them too.",
        options=team_options,
    ),
)

app.define(
    "channelId",
    props.string(
        "Channel",
        "The ID of a channel in the team, e.g. `19:4a95f7d8db4c4e7fae857bcebe0623e6@thread.tacv2` (not its name). "
        "The choices list the chosen team's channels; microsoft_teams-list-channels lists them too.",
        options=channel_options,
    ),
)

app.define(
    "chatId",
    props.string(
        "Chat",
        "The ID of a one-on-one, group or meeting chat of the connected user, e.g. "
        "`19:561082c0f3f847a58069deb8eb300807@thread.v2`. The choices list the user's chats; "
        "microsoft_teams-list-chats lists them too.",
        options=chat_options,
    ),
)

app.define(
    "messageId",
    props.string(
        "Message ID",
        "The ID of a channel message that starts a thread (not of a reply), e.g. `1616965872395`, from "
        "microsoft_teams-list-channel-messages or the result of microsoft_teams-send-channel-message. The "
        "choices list the chosen channel's latest messages.",
        options=message_options,
    ),
)

app.define(
    "userId",
    props.string(
        "User",
        "A person in the connected user's organisation: their Microsoft Entra user ID (a GUID such as "
        "`8ea0e38b-efb3-4757-924a-5f94061cf8c2`, the `userId` microsoft_teams-list-members returns) or their "
        "sign-in name, e.g. `adele@contoso.com`. The choices list the organisation's users.",
        options=user_options,
    ),
)

app.define(
    "content",
    props.string(
        "Message",
        "The message to post. Plain text by default; with contentType `html`, HTML such as `<b>Build</b> passed`.",
    ),
)

app.define(
    "contentType",
    props.string(
        "Content Type",
        "`text` (the default) posts the message as plain text; `html` renders it as HTML.",
        options=["text", "html"],
        default="text",
    ),
)
