import html
import re
from urllib.parse import quote

from mcp_gateway.catalog import ActionError, App, Identity, Option, OptionsPage, props

from .. import _microsoft

GRAPH = _microsoft.GRAPH

# Delegated Microsoft Graph permissions the actions use; offline_access yields a refresh token.
SCOPES = [
    "offline_access",
    "User.Read",
    "Team.ReadBasic.All",
    "Channel.ReadBasic.All",
    "Channel.Create",
    "ChannelMessage.Send",
    "ChannelMessage.Read.All",
    "TeamMember.Read.All",
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
    "Post and read messages in Microsoft Teams channels and chats, reply to threads, create channels and "
    "look up the connected user's teams, channels, chats and team members.",
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


def check_next_link(link):
    """A `@odata.nextLink` handed back by a caller: it must point at Microsoft Graph v1.0."""
    if not str(link).startswith(f"{GRAPH}/"):
        raise ActionError(f"nextLink must be the `@odata.nextLink` URL a previous call returned (starting {GRAPH}/)")
    return str(link)


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
