"""Telegram Bot API: send, edit, forward, pin and delete messages, send files, polls and
locations, read chats and updates, and download files, as the connected bot.

The bot token is part of every URL (`https://api.telegram.org/bot<token>/<method>`), so
requests here never raise the generic HTTP error (whose message names the URL): answers
are read as Telegram's `{"ok": false, "error_code", "description"}` and reported without it.
"""

import re

import httpx

from mcp_gateway.catalog import ActionError, App, Identity, KeyField, Keys, Option, OptionsPage, UpstreamError, props

API_HOST = "https://api.telegram.org"


async def _account_test(ctx):
    """The bot's name and ID (`getMe`)."""
    bot = await call(ctx, "getMe")
    username = bot.get("username")
    name = f"@{username}" if username else bot.get("first_name")
    return Identity(name=name, external_id=None if bot.get("id") is None else str(bot["id"]))


app = App(
    "telegram_bot_api",
    "Telegram Bot",
    "Act as a Telegram bot: send and edit messages, photos, documents, polls and locations, forward, pin and "
    "delete messages, read chats and recent updates, and download files sent to the bot.",
    auth=Keys(
        [
            KeyField(
                "token",
                "Bot Token",
                "The bot's token from @BotFather, e.g. `110201543:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw`.",
            )
        ]
    ),
    categories=["Communication"],
    featured_weight=70,
    base_url=API_HOST + "/bot{{custom_fields.token}}",
    allowed_domains=["api.telegram.org"],
    test=_account_test,
)


# Requests and errors

# Telegram's error descriptions (after "Bad Request: " or "Forbidden: "), and what to do.
ERROR_HINTS = [
    ("chat not found", "the chat ID is wrong, or the bot has no access to it: a user must message the bot first, "
                       "and the bot must be a member of a group or channel; telegram_bot_api-get-updates lists chats the bot has seen"),
    ("bot was blocked by the user", "the user has blocked the bot; it cannot message them until they unblock it"),
    ("bot is not a member", "add the bot to the group or channel first"),
    ("bot was kicked", "the bot was removed from that chat; add it again first"),
    ("not enough rights", "the bot needs admin rights in that chat for this (e.g. to pin or delete others' messages)"),
    ("need administrator rights", "make the bot an admin of the channel with the needed rights"),
    ("message to edit not found", "no message with that ID in that chat; check message_id and chat"),
    ("message to delete not found", "no message with that ID in that chat, or it was already deleted"),
    ("message to forward not found", "no message with that ID in the source chat"),
    ("message can't be deleted", "the bot can delete its own messages, and others' only as an admin and within 48 hours"),
    ("message can't be edited", "bots can only edit their own messages"),
    ("message is not modified", "the new text is the same as the current one"),
    ("can't parse entities", "the text is not valid for the parse mode; in MarkdownV2 escape _ * [ ] ( ) ~ ` > # + - = | { } . ! "
                             "with a backslash, in HTML escape <, > and &; or send without a parse mode"),
    ("message is too long", "the text is over 4096 characters (1024 for captions); split it"),
    ("wrong file identifier", "the file_id is wrong or belongs to another bot"),
    ("file is too big", "bots can download files of up to 20 MB only"),
    ("wrong type of the web page content", "the URL does not point at a file of the expected type"),
    ("failed to get http url content", "Telegram could not download the URL; it must be public"),
    ("webhook is active", "the bot uses a webhook, so updates cannot be read with getUpdates; remove the webhook first"),
    ("terminated by other getupdates", "another program is reading this bot's updates at the same time"),
]


def telegram_error(method, status, data):
    description = (data or {}).get("description") or f"HTTP {status}"
    code = (data or {}).get("error_code") or status
    retry_after = ((data or {}).get("parameters") or {}).get("retry_after")
    if code in (401, 404) and description.lower() in ("unauthorized", "not found"):
        hint = "Telegram rejected the bot token; the user should reconnect the Telegram bot with the token from @BotFather"
    elif code == 429:
        wait = f"retry after {retry_after} s" if retry_after is not None else "retry later"
        hint = f"rate limited by Telegram; {wait}"
    else:
        lowered = description.lower()
        hint = next((h for needle, h in ERROR_HINTS if needle in lowered), None)
        if hint is None:
            hint = "Telegram had a server error; retrying later may work" if code >= 500 else "check the values passed to the action"
    migrate = ((data or {}).get("parameters") or {}).get("migrate_to_chat_id")
    if migrate:
        hint += f"; the group is now the supergroup {migrate}, use that chat ID"
    message = f"Telegram {method} failed ({code}): {description} ({hint})"
    return UpstreamError(message, status=code, retry_after=float(retry_after) if retry_after is not None else None)


def _hide_token(ctx, text):
    token = ctx.auth.get("token")
    return text.replace(token, "<token>") if token else text


async def call(ctx, method, body=None, *, data=None, files=None):
    """Call a Bot API method with a JSON `body` (or multipart `data` and `files`); returns `result`."""
    try:
        if files is not None:
            response = await ctx.http.post(method, data=data, files=files, raise_for_status=False)
        else:
            response = await ctx.http.post(method, json=body or {}, raise_for_status=False)
    except httpx.HTTPError as exc:
        raise ActionError(_hide_token(ctx, f"could not reach Telegram for {method}: {type(exc).__name__}: {exc}")) from None
    try:
        answer = response.json()
    except ValueError:
        answer = None
    if not isinstance(answer, dict):
        raise ActionError(f"Telegram {method} answered with something other than JSON (HTTP {response.status_code})")
    if not answer.get("ok"):
        raise telegram_error(method, response.status_code, answer)
    return answer.get("result")


def file_url(ctx, file_path):
    return f"{API_HOST}/file/bot{ctx.auth.get('token')}/{file_path}"


_NUMERIC = re.compile(r"^-?\d+$")


def chat_ref(value):
    """A chat ID as Telegram wants it: numeric IDs as integers, `@channelusername` as is."""
    text = str(value).strip()
    if _NUMERIC.match(text):
        return int(text)
    if text and not text.startswith("@") and re.match(r"^[A-Za-z][A-Za-z0-9_]{3,}$", text):
        return "@" + text  # a bare public username
    return text


# Presentation


def chat_label(chat):
    kind = chat.get("type")
    if kind == "private":
        name = " ".join(p for p in (chat.get("first_name"), chat.get("last_name")) if p) or chat.get("username") or str(chat.get("id"))
        handle = f" (@{chat['username']})" if chat.get("username") else ""
        return f"{name}{handle}, private chat"
    title = chat.get("title") or chat.get("username") or str(chat.get("id"))
    return f"{title}, {kind}"


def chat_summary(chat):
    return {k: chat.get(k) for k in ("id", "type", "title", "username", "first_name", "last_name") if chat.get(k) is not None}


def message_summary(message):
    if not isinstance(message, dict):
        return message
    out = {
        "message_id": message.get("message_id"),
        "date": message.get("date"),
        "chat": chat_summary(message.get("chat") or {}),
    }
    sender = message.get("from")
    if sender:
        out["from"] = {k: sender.get(k) for k in ("id", "is_bot", "first_name", "username") if sender.get(k) is not None}
    for key in ("text", "caption", "edit_date", "message_thread_id"):
        if message.get(key) is not None:
            out[key] = message[key]
    if message.get("photo"):
        largest = message["photo"][-1]
        out["photo"] = {"file_id": largest.get("file_id"), "width": largest.get("width"), "height": largest.get("height")}
    for key in ("document", "audio", "video", "voice", "animation", "sticker"):
        if message.get(key):
            media = message[key]
            out[key] = {k: media.get(k) for k in ("file_id", "file_name", "mime_type", "file_size") if media.get(k) is not None}
    if message.get("location"):
        out["location"] = message["location"]
    if message.get("poll"):
        poll = message["poll"]
        out["poll"] = {"id": poll.get("id"), "question": poll.get("question"),
                       "options": [o.get("text") for o in poll.get("options") or []]}
    if message.get("forward_origin"):
        out["forward_origin"] = message["forward_origin"]
    return out


# The parts of an update that carry a message or a chat.
_MESSAGE_KEYS = ("message", "edited_message", "channel_post", "edited_channel_post", "business_message")


def update_chat(update):
    for key in _MESSAGE_KEYS:
        if update.get(key):
            return update[key].get("chat")
    for key in ("my_chat_member", "chat_member", "chat_join_request"):
        if update.get(key):
            return update[key].get("chat")
    query = update.get("callback_query") or {}
    return (query.get("message") or {}).get("chat")


# Remote options


async def chat_options(ctx):
    """Chats the bot has recent updates from. `getUpdates` is read without an offset, so
    nothing is acknowledged; it cannot page further back, so there is one page."""
    if ctx.page > 0:
        return []
    updates = await call(ctx, "getUpdates", {"limit": 100, "timeout": 0}) or []
    seen, options = set(), []
    for update in reversed(updates):  # newest first
        chat = update_chat(update)
        if not chat or chat.get("id") in seen:
            continue
        seen.add(chat.get("id"))
        options.append(Option(label=chat_label(chat), value=str(chat["id"])))
    return OptionsPage(options=options, context=None)


def messages_in(chat_prop):
    """Remote options: the messages in the chat `chat_prop` names among the bot's recent updates
    (Telegram keeps no message history for bots); read without an offset, so nothing is confirmed."""

    async def options(ctx):
        return await _message_options(ctx, chat_prop)

    return options


async def _message_options(ctx, chat_prop):
    if not ctx.props.get(chat_prop):
        raise ActionError(f"choose the chat ({chat_prop}) first; the messages to choose from are in it")
    if ctx.page > 0:
        return []
    wanted = chat_ref(ctx.props[chat_prop])
    updates = await call(ctx, "getUpdates", {"limit": 100, "timeout": 0}) or []
    options = []
    for update in reversed(updates):
        message = next((update[k] for k in _MESSAGE_KEYS if update.get(k)), None)
        chat = (message or {}).get("chat") or {}
        if not message or wanted not in (chat.get("id"), f"@{chat.get('username')}"):
            continue
        text = message.get("text") or message.get("caption") or "(media)"
        options.append(Option(label=f"{message['message_id']}: {text[:60]}", value=message["message_id"]))
    return OptionsPage(options=options, context=None)


_FILE_KINDS = ("document", "audio", "video", "voice", "animation", "video_note", "sticker")


async def file_options(ctx):
    """Files sent in the bot's recent updates, newest first (read without an offset)."""
    if ctx.page > 0:
        return []
    updates = await call(ctx, "getUpdates", {"limit": 100, "timeout": 0}) or []
    options = []
    for update in reversed(updates):
        message = next((update[k] for k in _MESSAGE_KEYS if update.get(k)), None) or {}
        where = chat_label(message.get("chat") or {}) if message.get("chat") else "a chat"
        if message.get("photo"):
            largest = message["photo"][-1]
            options.append(Option(label=f"photo {largest.get('width')}x{largest.get('height')} in {where}", value=largest["file_id"]))
        for kind in _FILE_KINDS:
            media = message.get(kind)
            if media and media.get("file_id"):
                name = " ".join(p for p in (kind, media.get("file_name")) if p)
                options.append(Option(label=f"{name} in {where}", value=media["file_id"]))
    return OptionsPage(options=options, context=None)


# Shared props

app.define(
    "chatId",
    props.string(
        "Chat",
        "The chat's ID, e.g. `123456789` for a user, `-1001234567890` for a supergroup or channel, or a public "
        "channel's `@username`. A user must have messaged the bot first. The choices list chats with recent "
        "updates (not available when the bot uses a webhook).",
        options=chat_options,
    ),
)

app.define(
    "messageId",
    props.integer(
        "Message ID",
        "The message's ID within the chat (`message_id`), e.g. `42`, as returned when it was sent or by "
        "telegram_bot_api-get-updates. The choices list the chat's messages among the bot's recent updates.",
        min=1,
        options=messages_in("chatId"),
    ),
)

app.define(
    "parseMode",
    props.string(
        "Parse Mode",
        "How to read formatting in the text: `HTML` (`<b>bold</b>`, `<i>italic</i>`, `<a href=\"https://example.com\">link</a>`), "
        "`MarkdownV2` (`*bold*`, `_italic_`, `[link](https://example.com)`; escape other special characters with `\\`), "
        "or legacy `Markdown`. Leave empty to send plain text.",
        options=["HTML", "MarkdownV2", "Markdown"],
        optional=True,
    ),
)

app.define(
    "disableNotification",
    props.boolean("Silent", "`true` delivers the message without a notification sound.", optional=True),
)

app.define(
    "replyToMessageId",
    props.integer("Reply To Message ID", "To send as a reply: the ID of the message in the same chat to reply to.", min=1, optional=True),
)
