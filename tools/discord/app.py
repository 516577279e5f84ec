"""Discord, driven by a bot the user adds to their servers.

Sending, editing and reacting to messages in server channels needs a bot token (a user's
OAuth token cannot post to channels), so an account holds the bot token of the user's own
Discord application and every request goes out as `Authorization: Bot <token>`.
"""

import json
import re
from urllib.parse import quote

from mcp_gateway.catalog import ActionError, App, Identity, KeyField, Keys, Option, OptionsPage, UpstreamError, props, retry_after_seconds

API = "https://discord.com/api/v10"
# Discord asks every HTTP client to identify itself as `DiscordBot ($url, $versionNumber)`.
USER_AGENT = "DiscordBot (mcp-gateway, 0.1.0)"

CHANNEL_TYPES = {
    0: "text",
    1: "dm",
    2: "voice",
    3: "group_dm",
    4: "category",
    5: "announcement",
    10: "announcement_thread",
    11: "public_thread",
    12: "private_thread",
    13: "stage",
    14: "directory",
    15: "forum",
    16: "media",
}
# Channels whose chat a bot can post to (threads are not listed per server, but their IDs work too).
MESSAGE_CHANNEL_TYPES = (0, 5, 2, 13)


def _headers(auth):
    headers = {"User-Agent": USER_AGENT}
    token = str(auth.get("bot_token") or "").strip()
    if token:
        headers["Authorization"] = token if token.startswith("Bot ") else f"Bot {token}"
    return headers


async def _account_test(ctx):
    """The bot user behind the token (`GET /users/@me`)."""
    user = await api(ctx, "GET", "/users/@me")
    return Identity(name=user_label(user), external_id=user.get("id"))


app = App(
    "discord",
    "Discord",
    "Post, edit, delete and react to messages, start threads, create invites, and look up servers, channels "
    "and members in Discord, as a bot the user has added to their servers.",
    auth=Keys(
        [
            KeyField(
                "bot_token",
                "Bot Token",
                "The token of your Discord application's bot: Discord Developer Portal → your application → Bot → "
                "Reset Token. Add the bot to your server (OAuth2 → URL Generator with the `bot` scope) and give it "
                "the permissions the actions need: View Channels, Send Messages, Read Message History, Attach Files, "
                "Add Reactions, Create Public Threads and Create Invite. Listing members also needs the Server "
                "Members Intent switched on (Bot → Privileged Gateway Intents).",
            )
        ]
    ),
    categories=["Communication"],
    featured_weight=80,
    base_url=API,
    allowed_domains=["discord.com"],
    auth_headers=_headers,
    test=_account_test,
)


# Errors

# What to do about Discord's JSON error codes (https://discord.com/developers/docs/topics/opcodes-and-status-codes).
ERROR_HINTS = {
    10003: "no channel has that ID, or the bot cannot see it; list the server's channels (discord-list-channels) for valid IDs",
    10004: "the bot is not in a server with that ID; discord-list-guilds lists the servers it is in",
    10007: "that user is not a member of the server",
    10008: "no message has that ID in that channel; list the channel's messages (discord-list-messages) for valid IDs",
    10013: "no Discord user has that ID",
    10014: "unknown emoji; use a Unicode emoji such as 👍, or a custom emoji of the server as `name:id`",
    20016: "the channel is in slowmode; wait before posting again",
    40001: "Discord rejected the bot token; the user should reconnect the account with a valid token",
    50001: "the bot cannot see that channel or server; add the bot to the server and let it view the channel",
    50005: "a bot can only edit messages it sent itself",
    50006: "the message is empty; give content or a file",
    50007: "Discord does not let the bot message this user (they share no server or block direct messages)",
    50008: "that channel does not take messages (it is a category, forum or directory); pick a text channel or thread",
    50013: "the bot's role lacks a permission this needs (e.g. Send Messages, Attach Files, Manage Messages, "
    "Add Reactions, Create Public Threads, Create Invite); grant it in the server's settings",
    50021: "this cannot be done to a system message",
    50024: "this cannot be done in this kind of channel",
    50035: "some values are invalid; see the fields named",
    160004: "a thread was already started from this message; use that thread (its ID is the message ID)",
}


def _status_hint(status):
    if status == 401:
        return "the bot token was rejected; the user should reconnect the Discord account"
    if status == 403:
        return "the bot lacks permission for this in that server or channel"
    if status == 404:
        return "check that the IDs passed are correct and visible to the bot"
    if status >= 500:
        return "Discord had a server error; retrying later may work"
    return "fix the request values named in the message"


def _field_errors(errors, path=""):
    """`field.path: message` lines out of Discord's nested `errors` object."""
    found = []
    if isinstance(errors, dict):
        for key, value in errors.items():
            if key == "_errors" and isinstance(value, list):
                found.extend(f"{path or 'request'}: {e.get('message', e)}" for e in value if isinstance(e, dict))
            else:
                found.extend(_field_errors(value, f"{path}.{key}" if path else str(key)))
    return found


def discord_error(method, response):
    """An `UpstreamError` from a Discord error response, with the retry time of a 429 read from its body."""
    status = response.status_code
    where = f"{method} {response.request.url.copy_with(query=None)}"
    body = response.text[:500] if response.content else ""
    try:
        data = response.json()
    except ValueError:
        data = None
    if not isinstance(data, dict):
        data = {}
    if status == 429:
        retry_after = data.get("retry_after")
        try:
            retry_after = float(retry_after)
        except (TypeError, ValueError):
            retry_after = retry_after_seconds(response)
        scope = " (a global limit on the bot)" if data.get("global") else ""
        wait = f"retry after {retry_after:g} s" if retry_after is not None else "retry later"
        text = data.get("message") or "You are being rate limited."
        return UpstreamError(
            f"Discord API error 429 on {where}: {text}{scope} (rate limited by Discord; {wait})",
            status=429,
            retry_after=retry_after,
            body=body,
        )
    code = data.get("code")
    text = data.get("message") or response.reason_phrase or "error"
    detail = f"{text} (Discord code {code})" if code is not None else text
    fields = _field_errors(data.get("errors"))
    if fields:
        detail += ": " + "; ".join(fields[:5])
    hint = ERROR_HINTS.get(code) if isinstance(code, int) else None
    return UpstreamError(
        f"Discord API error {status} on {where}: {detail} ({hint or _status_hint(status)})", status=status, body=body
    )


async def api(ctx, method, path, *, params=None, json_body=None, files=None, headers=None):
    """Call the Discord API; returns the decoded JSON, or None for an empty (204) answer."""
    kw = {}
    if params:
        kw["params"] = {k: v for k, v in params.items() if v is not None}
    if json_body is not None:
        kw["json"] = json_body
    if files is not None:
        kw["files"] = files
    if headers:
        kw["headers"] = headers
    response = await ctx.http.request(method, path, raise_for_status=False, **kw)
    if response.status_code >= 400:
        raise discord_error(method, response)
    if response.status_code == 204 or not response.content:
        return None
    return response.json()


def multipart(payload, files):
    """A `multipart/form-data` body: the JSON params in `payload_json`, then `files[n]` parts.

    `files` is a list of (file name, bytes, content type); the payload's `attachments` name them by index.
    """
    parts = {"payload_json": (None, json.dumps(payload), "application/json")}
    for n, (name, content, content_type) in enumerate(files):
        parts[f"files[{n}]"] = (name, content, content_type)
    return parts


# Values


def snowflake(value, what):
    """A Discord ID (a snowflake: digits only), e.g. `1143543958731251803`."""
    text = str(value or "").strip()
    if not text.isdigit():
        raise ActionError(f"{what} {value!r} must be a Discord ID made of digits, e.g. `1143543958731251803`")
    return text


_CUSTOM_EMOJI = re.compile(r"^<a?:([A-Za-z0-9_~]+):([0-9]+)>$")
_SHORTCODE = re.compile(r"^:[A-Za-z0-9_+-]+:$")


def emoji_path(emoji):
    """An emoji for a reaction URL: Unicode as is, custom emoji as `name:id`, percent-encoded."""
    text = str(emoji or "").strip()
    custom = _CUSTOM_EMOJI.match(text)
    if custom:
        text = f"{custom.group(1)}:{custom.group(2)}"
    elif _SHORTCODE.match(text):
        raise ActionError(
            f"emoji {text!r} is a shortcode; Discord needs the emoji itself, e.g. 👍, or a custom emoji as `name:id`"
        )
    if not text:
        raise ActionError("emoji is empty; give a Unicode emoji such as 👍 or a custom emoji as `name:id`")
    return quote(text, safe=":")


# Shapes returned to the caller


def user_label(user):
    name = user.get("global_name") or user.get("username")
    if user.get("username") and name != user.get("username"):
        return f"{name} (@{user['username']})"
    return str(name)


def user_summary(user):
    user = user or {}
    out = {
        "id": user.get("id"),
        "username": user.get("username"),
        "global_name": user.get("global_name"),
        "bot": bool(user.get("bot")),
    }
    if user.get("avatar") and user.get("id"):
        out["avatar_url"] = f"https://cdn.discordapp.com/avatars/{user['id']}/{user['avatar']}.png"
    return out


def message_url(guild_id, channel_id, message_id):
    return f"https://discord.com/channels/{guild_id or '@me'}/{channel_id}/{message_id}"


def message_summary(message, guild_id=None):
    """The parts of a Discord message worth reading."""
    guild_id = message.get("guild_id") or guild_id
    out = {
        "id": message.get("id"),
        "channel_id": message.get("channel_id"),
        "author": user_summary(message.get("author")),
        "content": message.get("content"),
        "timestamp": message.get("timestamp"),
        "edited_timestamp": message.get("edited_timestamp"),
        "url": message_url(guild_id, message.get("channel_id"), message.get("id")),
    }
    if message.get("attachments"):
        out["attachments"] = [
            {k: a.get(k) for k in ("id", "filename", "size", "content_type", "url")} for a in message["attachments"]
        ]
    if message.get("embeds"):
        out["embeds"] = [{k: e.get(k) for k in ("title", "description", "url") if e.get(k)} for e in message["embeds"]]
    if message.get("reactions"):
        out["reactions"] = [{"emoji": emoji_label(r.get("emoji") or {}), "count": r.get("count")} for r in message["reactions"]]
    reference = message.get("message_reference") or {}
    if reference.get("message_id"):
        out["reply_to"] = reference["message_id"]
    if message.get("thread"):
        out["thread_id"] = message["thread"].get("id")
    if message.get("pinned"):
        out["pinned"] = True
    return out


def emoji_label(emoji):
    if emoji.get("id"):
        return f"{emoji.get('name')}:{emoji['id']}"
    return emoji.get("name")


def channel_summary(channel):
    out = {
        "id": channel.get("id"),
        "name": channel.get("name"),
        "type": CHANNEL_TYPES.get(channel.get("type"), channel.get("type")),
    }
    for key in ("guild_id", "parent_id", "position", "topic", "nsfw"):
        if channel.get(key) is not None:
            out[key] = channel[key]
    return out


def with_guild(message, guild_id):
    """The message with the server it is in, which REST answers leave out, so its link can be built."""
    if guild_id and isinstance(message, dict) and not message.get("guild_id"):
        return {**message, "guild_id": guild_id}
    return message


def guild_summary(guild):
    return {
        "id": guild.get("id"),
        "name": guild.get("name"),
        "owner": guild.get("owner"),
        "approximate_member_count": guild.get("approximate_member_count"),
        "approximate_presence_count": guild.get("approximate_presence_count"),
    }


def member_summary(member):
    return {
        **user_summary(member.get("user")),
        "nick": member.get("nick"),
        "roles": member.get("roles") or [],
        "joined_at": member.get("joined_at"),
    }


def user_details(user):
    out = user_summary(user)
    if user.get("banner"):
        out["banner"] = user["banner"]
    return out


def thread_summary(thread):
    return {**channel_summary(thread), "auto_archive_duration": (thread.get("thread_metadata") or {}).get("auto_archive_duration")}


def invite_summary(invite):
    code = invite.get("code")
    return {
        "code": code,
        "url": f"https://discord.gg/{code}",
        "channel_id": (invite.get("channel") or {}).get("id"),
        "guild": {k: (invite.get("guild") or {}).get(k) for k in ("id", "name")},
        "max_age": invite.get("max_age"),
        "max_uses": invite.get("max_uses"),
        "temporary": invite.get("temporary"),
        "expires_at": invite.get("expires_at"),
    }


def cursor_id(cursor):
    """The snowflake an ID-paged list's cursor holds."""
    if cursor is None or cursor == "":
        return None
    text = str(cursor).strip()
    if not text.isdigit():
        raise ActionError("the cursor is not one this list returned; pass `next_cursor` unchanged or leave it empty")
    return text


async def collect_after(ctx, path, *, limit, cursor, page_max, params=None, key=lambda item: item["id"]):
    """Up to `limit` items of a list Discord pages upward by ID with `after`, from `cursor` on,
    and the cursor after them (the last ID) when a page came back full."""
    items, after, full = [], cursor_id(cursor), True
    while full and len(items) < limit:
        size = min(page_max, limit - len(items))
        page = await api(ctx, "GET", path, params={"limit": size, **(params or {}), "after": after}) or []
        items.extend(page)
        full = len(page) == size
        if page:
            after = key(page[-1])
    return items, (after if full and items else None)


# Remote options


def _chosen_guild(ctx):
    guild = ctx.props.get("guildId")
    if not guild:
        raise ActionError("choose the server (guildId) first; its channels are listed from it")
    return snowflake(guild, "guildId")


async def guild_options(ctx):
    after = ctx.prev_context.get("after")
    if ctx.page > 0 and not after:
        return []  # the previous page was the last one
    guilds = await api(ctx, "GET", "/users/@me/guilds", params={"limit": 200, "after": after})
    options = [Option(label=g.get("name") or g["id"], value=g["id"]) for g in guilds]
    following = guilds[-1]["id"] if len(guilds) == 200 else None
    return OptionsPage(options=options, context={"after": following} if following else None)


async def channel_options(ctx):
    channels = await api(ctx, "GET", f"/guilds/{_chosen_guild(ctx)}/channels")
    usable = sorted(
        (c for c in channels if c.get("type") in MESSAGE_CHANNEL_TYPES),
        key=lambda c: (c.get("position") or 0, c.get("name") or ""),
    )
    return [Option(label=f"#{c.get('name')} ({CHANNEL_TYPES.get(c.get('type'))})", value=c["id"]) for c in usable]


app.define(
    "guildId",
    props.string(
        "Server",
        "The ID of a Discord server (guild) the bot is in, e.g. `613425648685547541`. The choices list the "
        "bot's servers; discord-list-guilds lists them too.",
        options=guild_options,
    ),
)

app.define(
    "channelId",
    props.string(
        "Channel",
        "The ID of the channel or thread, e.g. `1143543958731251803` (not its #name). The choices list the "
        "text, announcement, voice and stage channels of the chosen server; discord-list-channels lists them "
        "too. A thread's ID works as a channel ID.",
        options=channel_options,
    ),
)

async def message_options(ctx):
    channel = ctx.props.get("channelId")
    if not channel:
        raise ActionError("choose the channel (channelId) first; its recent messages are listed from it")
    before = ctx.prev_context.get("before")
    if ctx.page > 0 and not before:
        return []
    messages = await api(ctx, "GET", f"/channels/{snowflake(channel, 'channelId')}/messages", params={"limit": 50, "before": before})
    options = []
    for m in messages:
        text = (m.get("content") or "").replace("\n", " ") or ("(attachment)" if m.get("attachments") else "(no text)")
        author = (m.get("author") or {}).get("username")
        options.append(Option(label=f"{author}: {text[:60]}", value=m["id"]))
    following = messages[-1]["id"] if len(messages) == 50 else None
    return OptionsPage(options=options, context={"before": following} if following else None)


app.define(
    "messageId",
    props.string(
        "Message ID",
        "The ID of the message, e.g. `1143600000000000000`. It is returned when a message is sent and by "
        "discord-list-messages (the last number of a message link). The choices list the chosen channel's "
        "recent messages.",
        options=message_options,
    ),
)


def channel_props(**extra):
    """guildId (only to choose the channel from a list) and channelId, then `extra`."""
    return {
        "guildId": app.definition(
            "guildId",
            optional=True,
            description=(
                "The server whose channels to choose from, e.g. `613425648685547541`. Only used to list channel "
                "choices; leave empty when you pass the channel ID."
            ),
        ),
        "channelId": app.definition("channelId"),
        **extra,
    }
