from mcp_gateway.catalog import ActionError, App, Identity, OAuth, Option, OptionsPage, props

# User-token scopes: the actions act as the person who connected the account.
USER_SCOPES = [
    "chat:write",
    "channels:read",
    "groups:read",
    "im:read",
    "mpim:read",
    "users:read",
    "users:read.email",
    "reactions:write",
    "channels:history",
    "groups:history",
    "im:history",
    "mpim:history",
    "search:read",
    "files:read",
    "files:write",
    "channels:write",
    "groups:write",
    "im:write",
    "mpim:write",
    "pins:read",
    "pins:write",
    "users.profile:write",
    "reminders:read",
    "reminders:write",
    "bookmarks:read",
    "bookmarks:write",
    "usergroups:read",
    "usergroups:write",
]

_TOKEN_FIELDS = ("access_token", "refresh_token", "expires_in", "scope", "token_type")


def _user_token(token):
    """The user token out of an `oauth.v2.access` answer.

    Exchanging a code for user scopes puts the token under `authed_user` (the top level
    holds a bot token, if any); refreshing a user token answers with it at the top level
    and `token_type: user`.
    """
    authed_user = token.get("authed_user") or {}
    if authed_user.get("access_token"):
        return {k: authed_user[k] for k in _TOKEN_FIELDS if k in authed_user}
    if token.get("token_type") == "user":
        return {k: token[k] for k in _TOKEN_FIELDS if k in token}
    return {}  # no user token: the connection fails rather than store a bot token


async def _account_test(ctx):
    """Who the token belongs to (`auth.test`); Slack reports bad tokens as `ok: false`."""
    data = await call(ctx, "auth.test", body={})
    team = data.get("team")
    name = f"{data.get('user')} ({team})" if team else data.get("user")
    return Identity(name=name, external_id=data.get("user_id"))


app = App(
    "slack",
    "Slack",
    "Post messages to channels, DMs and threads, schedule, edit, search and react to them; read threads; create, join, "
    "describe and archive "
    "channels and invite people; pin and bookmark; look up people and user groups; set reminders and status; "
    "upload and find files, all as the connected user in their Slack workspace.",
    auth=OAuth(
        authorize_url="https://slack.com/oauth/v2/authorize",
        token_url="https://slack.com/api/oauth.v2.access",
        # Slack prefers the client ID and secret by HTTP Basic over request parameters.
        token_auth_method="client_secret_basic",
        # Slack takes user-token scopes in `user_scope`; `scope` is for bot scopes, which this app does not use.
        extra_authorize_params={"user_scope": ",".join(USER_SCOPES)},
        read_token=_user_token,
    ),
    categories=["Communication"],
    featured_weight=95,
    base_url="https://slack.com/api",
    allowed_domains=["slack.com"],
    test=_account_test,
)

# Slack's JSON-accepting methods want the charset spelled out.
_JSON = {"Content-Type": "application/json; charset=utf-8"}

# What to do about the error codes Slack answers with (HTTP 200, `ok: false`).
ERROR_HINTS = {
    "channel_not_found": "the channel ID is wrong or the connected user cannot see that conversation; list channels to find a valid ID",
    "not_in_channel": "the connected user is not a member of that channel; join it with slack-join-channel (public channels) or ask a member to invite them",
    "is_archived": "the channel is archived; unarchive it or pick another channel",
    "msg_too_long": "the message text is too long; Slack accepts up to 40,000 characters",
    "no_text": "the message text is empty; give some text",
    "message_not_found": "no message has that timestamp in that channel; check `ts` (e.g. `1712345678.000100`) and the channel",
    "thread_not_found": "thread_ts does not match a message in that channel; use the `ts` of the thread's parent message",
    "cant_update_message": "the connected user can only edit their own messages",
    "cant_delete_message": "the connected user can only delete their own messages (or needs to be an admin)",
    "edit_window_closed": "the workspace no longer allows editing or deleting this message",
    "already_reacted": "the connected user has already added that reaction to the message",
    "invalid_name": "the emoji name is unknown; use a name such as `thumbsup` without colons",
    "too_many_reactions": "the message has reached Slack's limit of reactions",
    "users_not_found": "no user in this workspace has that email address (or it is hidden from the connected user)",
    "user_not_found": "the user ID is wrong or not in this workspace",
    "invalid_ts_latest": "`latest` must be a Slack timestamp such as `1712345678.000100`",
    "invalid_ts_oldest": "`oldest` must be a Slack timestamp such as `1712345678.000100`",
    "invalid_cursor": "the cursor is stale or not from this listing; start again without a cursor",
    "invalid_types": "the conversation types must be among public_channel, private_channel, mpim, im, and granted to the account",
    "missing_scope": "the connected account was not granted a permission this needs; reconnect Slack and approve it",
    "not_allowed_token_type": "this method needs a user token; reconnect Slack",
    "restricted_action": "a workspace setting prevents the connected user from doing this",
    "invalid_auth": "Slack rejected the credentials; the user should reconnect the Slack account",
    "not_authed": "no credentials were sent; the user should connect a Slack account",
    "token_revoked": "the Slack connection was revoked; the user should reconnect the Slack account",
    "token_expired": "the Slack token has expired; the user should reconnect the Slack account",
    "account_inactive": "the Slack user or workspace is deactivated; connect an active account",
    "ratelimited": "Slack is rate limiting these requests; wait a minute and retry",
    "invalid_arguments": "some values are not what Slack expects; see the details",
    "file_uploads_disabled": "the workspace has turned file uploads off",
    "file_uploads_except_images_disabled": "the workspace only accepts images as uploads",
    "file_upload_size_restricted": "the workspace does not accept files this large",
    "file_type_not_allowed": "the workspace does not accept this type of file",
    "file_not_found": "no file has that ID, or the connected user cannot see it (during an upload: Slack lost track of it, so run the upload again)",
    "name_taken": "a channel with that name already exists; pick another name or find the existing channel with slack-list-channels",
    "invalid_name_specials": "channel names may hold only lowercase letters, digits, hyphens and underscores",
    "invalid_name_required": "give a channel name",
    "invalid_name_maxlength": "channel names are at most 80 characters",
    "already_archived": "the channel is already archived",
    "cant_archive_general": "the workspace's general channel cannot be archived",
    "already_in_channel": "that person is already a member of the channel",
    "cant_invite_self": "the connected user cannot invite themselves; use slack-join-channel instead",
    "cant_invite": "that person cannot be invited to this channel",
    "user_is_restricted": "that person is a guest who cannot be added to this channel",
    "method_not_supported_for_channel_type": "this does not work for that kind of conversation (e.g. a direct message)",
    "too_long": "the text is longer than Slack allows here (250 characters for a topic or purpose)",
    "time_in_past": "post_at is in the past; give a future Unix time in seconds",
    "time_too_far": "messages can be scheduled at most 120 days ahead",
    "invalid_time": "Slack could not read the time; use a Unix time in seconds or a phrase such as `in 15 minutes`",
    "cannot_parse": "Slack could not read the time; use a Unix time in seconds or a phrase such as `in 15 minutes`",
    "not_pinned": "that message is not pinned in this channel",
    "already_pinned": "that message is already pinned",
    "no_pin": "that message is not pinned in this channel",
    "no_reaction": "the connected user has not added that reaction to the message",
    "not_found": "no reminder, bookmark or user group has that ID; list them to find a valid ID",
    "invalid_channel": "the channel ID is wrong or the connected user cannot see that conversation",
    "invalid_link": "the bookmark link must be a full URL such as `https://example.com/doc`",
    "permission_denied": "the connected user is not allowed to do this (a workspace admin may need to)",
    "no_such_subteam": "no user group has that ID; find one with slack-list-user-groups",
    "paid_teams_only": "user groups are available on paid Slack plans only",
    "cannot_update_status": "Slack would not change this user's status",
    "profile_set_failed": "Slack could not save the profile change",
    "too_many_users": "too many people were given at once",
}


def check_ok(method, data):
    """Raise `ActionError` when a Slack Web API answer says `ok: false`; return it otherwise."""
    if not isinstance(data, dict):
        raise ActionError(f"Slack {method} returned an unexpected response: {str(data)[:200]}")
    if data.get("ok"):
        return data
    code = data.get("error") or "unknown_error"
    hint = ERROR_HINTS.get(code, "check the values passed to the action")
    details = []
    if code == "missing_scope" and data.get("needed"):
        details.append(f"needed scope: {data['needed']}")
    messages = (data.get("response_metadata") or {}).get("messages") or []
    details.extend(str(m) for m in messages[:5])
    extra = f" [{'; '.join(details)}]" if details else ""
    raise ActionError(f"Slack {method} failed with `{code}`: {hint}{extra}")


async def call(ctx, method, *, params=None, body=None, form=None):
    """Call a Slack Web API method (GET with `params`, or POST with a JSON `body` or a `form`)
    and check `ok`."""
    if body is not None:
        response = await ctx.http.post(method, json=body, headers=_JSON)
    elif form is not None:
        response = await ctx.http.post(method, data=form)
    else:
        query = {k: v for k, v in (params or {}).items() if v is not None}
        response = await ctx.http.get(method, params=query or None)
    try:
        data = response.json()
    except ValueError:
        raise ActionError(f"Slack {method} answered with something other than JSON: {response.text[:200]!r}") from None
    return check_ok(method, data)


def next_cursor(data):
    return (data.get("response_metadata") or {}).get("next_cursor") or None


# Slack pages its cursor lists up to 1,000 items; asking for at most 200 keeps answers quick.
MAX_PAGE = 200


async def collect(ctx, method, key, params, *, limit, cursor):
    """Up to `limit` items under `key` of a cursor-paged Slack method, from `cursor` on, and the
    cursor of the items after them. Slack may answer a page with fewer items than asked (archived
    channels filtered out), so pages are followed until `limit` is reached."""
    items, following = [], cursor or None
    while len(items) < limit:
        page = await call(ctx, method, params={**params, "limit": min(MAX_PAGE, limit - len(items)), "cursor": following})
        items.extend(page.get(key) or [])
        following = next_cursor(page)
        if not following:
            break
    return items[:limit], following


def read_page_cursor(cursor, limit, action):
    """(page, count) from the cursor of a method that pages by number. The cursor carries the page
    size with the page, so later pages line up with the first whatever limit is passed."""
    if not cursor:
        return 1, limit
    try:
        page, count = (int(part) for part in str(cursor).split(":"))
    except ValueError:
        raise ActionError(f"cursor must be the `next_cursor` of a previous {action} result, unchanged") from None
    return page, count


def next_page_cursor(paging, page, count):
    """The cursor after `page` of a number-paged answer (its `paging`), or None on the last page."""
    return f"{page + 1}:{count}" if page < ((paging or {}).get("pages") or 0) else None


def plural(count, noun):
    return f"{count} {noun}{'' if count == 1 else 's'}"


def user_list(value, name="users"):
    """User IDs given as a list or a comma-separated string, as Slack's comma-separated form."""
    ids = value if isinstance(value, list) else str(value or "").split(",")
    ids = [str(i).strip() for i in ids if str(i).strip()]
    if not ids:
        raise ActionError(f"{name} needs at least one user ID such as `U024BE7LH`")
    return ",".join(ids)


def conversation_label(channel):
    if channel.get("is_im"):
        return f"Direct message with {channel.get('user')}"
    if channel.get("is_mpim"):
        return f"Group DM {channel.get('name')}"
    prefix = "private " if channel.get("is_private") else ""
    return f"{prefix}#{channel.get('name')}"


def user_label(user):
    profile = user.get("profile") or {}
    name = user.get("real_name") or profile.get("real_name") or profile.get("display_name") or user.get("name")
    return f"{name} (@{user.get('name')})" if user.get("name") and name != user.get("name") else str(name)


async def _cursor_options(ctx, method, key, params, to_option, keep=lambda item: True):
    cursor = ctx.prev_context.get("cursor")
    if ctx.page > 0 and not cursor:
        return []  # the previous page was the last one
    data = await call(ctx, method, params={**params, "cursor": cursor})
    options = [to_option(item) for item in data.get(key) or [] if keep(item)]
    following = next_cursor(data)
    return OptionsPage(options=options, context={"cursor": following} if following else None)


async def usergroup_options(ctx):
    data = await call(ctx, "usergroups.list", params={})
    return [Option(label=f"{g.get('name')} (@{g.get('handle')})", value=g["id"]) for g in data.get("usergroups") or []]


async def file_options(ctx):
    if ctx.page > 0 and not ctx.prev_context.get("page"):
        return []  # the previous page was the last one
    page = ctx.prev_context.get("page") or 1
    data = await call(ctx, "files.list", params={"count": 100, "page": page})
    options = [Option(label=f.get("title") or f.get("name") or f["id"], value=f["id"]) for f in data.get("files") or []]
    more = page < ((data.get("paging") or {}).get("pages") or 0)
    return OptionsPage(options=options, context={"page": page + 1} if more else None)


async def reminder_options(ctx):
    data = await call(ctx, "reminders.list", params={})
    return [
        Option(label=str(r.get("text") or r["id"])[:80], value=r["id"])
        for r in data.get("reminders") or []
        if not r.get("complete_ts")
    ]


async def conversation_options(ctx):
    return await _cursor_options(
        ctx,
        "conversations.list",
        "channels",
        {"types": "public_channel,private_channel,mpim,im", "exclude_archived": "true", "limit": 200},
        lambda c: Option(label=conversation_label(c), value=c["id"]),
    )


async def user_options(ctx):
    return await _cursor_options(
        ctx,
        "users.list",
        "members",
        {"limit": 200},
        lambda u: Option(label=user_label(u), value=u["id"]),
        keep=lambda u: not u.get("deleted"),
    )


def channel_summary(channel):
    """The parts of a conversation object worth reading."""
    return {
        "id": channel.get("id"),
        "name": channel.get("name"),
        "is_private": channel.get("is_private"),
        "is_archived": channel.get("is_archived"),
        "is_member": channel.get("is_member"),
        "is_im": channel.get("is_im"),
        "is_mpim": channel.get("is_mpim"),
        "user": channel.get("user"),
        "topic": (channel.get("topic") or {}).get("value"),
        "purpose": (channel.get("purpose") or {}).get("value"),
        "num_members": channel.get("num_members"),
        "created": channel.get("created"),
    }


def user_summary(user):
    """The parts of a user object worth reading."""
    profile = user.get("profile") or {}
    return {
        "id": user.get("id"),
        "team_id": user.get("team_id"),
        "name": user.get("name"),
        "real_name": user.get("real_name") or profile.get("real_name"),
        "display_name": profile.get("display_name"),
        "email": profile.get("email"),
        "title": profile.get("title"),
        "tz": user.get("tz"),
        "status_text": profile.get("status_text"),
        "is_bot": user.get("is_bot"),
        "is_admin": user.get("is_admin"),
        "deleted": user.get("deleted"),
    }


def file_summary(file):
    """The parts of a file object worth reading."""
    return {
        "id": file.get("id"),
        "name": file.get("name"),
        "title": file.get("title"),
        "filetype": file.get("filetype"),
        "mimetype": file.get("mimetype"),
        "size": file.get("size"),
        "user": file.get("user"),
        "created": file.get("created"),
        "channels": (file.get("channels") or []) + (file.get("groups") or []) + (file.get("ims") or []),
        "permalink": file.get("permalink"),
        "url_private": file.get("url_private"),
    }


def reminder_summary(reminder):
    return {k: reminder.get(k) for k in ("id", "text", "time", "recurring", "complete_ts", "user", "creator")}


def usergroup_summary(group):
    return {
        "id": group.get("id"),
        "name": group.get("name"),
        "handle": group.get("handle"),
        "description": group.get("description"),
        "user_count": group.get("user_count"),
        "users": group.get("users"),
        "channels": (group.get("prefs") or {}).get("channels"),
        "disabled": bool(group.get("date_delete")),
    }


def bookmark_summary(bookmark):
    return {k: bookmark.get(k) for k in ("id", "channel_id", "title", "link", "emoji", "type", "date_created")}


def message_summary(message):
    """The parts of a Slack message worth reading."""
    out = {
        "ts": message.get("ts"),
        "user": message.get("user"),
        "text": message.get("text"),
        "type": message.get("type"),
    }
    for key in ("subtype", "bot_id", "username", "thread_ts", "reply_count", "latest_reply", "edited"):
        if message.get(key) is not None:
            out[key] = message[key]
    if message.get("reactions"):
        out["reactions"] = [{"name": r.get("name"), "count": r.get("count")} for r in message["reactions"]]
    if message.get("files"):
        out["files"] = [{"id": f.get("id"), "name": f.get("name"), "permalink": f.get("permalink")} for f in message["files"]]
    return out


app.define(
    "conversation",
    props.string(
        "Channel",
        "The ID of a Slack conversation: a public or private channel (`C...` or `G...`), a direct message "
        "(`D...`) or a group DM. Use the ID, not the #name; the choices list the conversations the connected "
        "user can see.",
        options=conversation_options,
    ),
)

app.define(
    "user",
    props.string(
        "User",
        "The ID of a person in the Slack workspace, e.g. `U024BE7LH` (not their display name). The choices "
        "list the workspace's members; slack-find-user-by-email finds one from an email address.",
        options=user_options,
    ),
)

app.define(
    "messageTs",
    props.string(
        "Message Timestamp",
        "The `ts` of the message, which is its ID within the channel, e.g. `1712345678.000100`. It is returned "
        "when a message is sent, and by slack-get-conversation-history and slack-find-message.",
    ),
)

app.define(
    "userGroup",
    props.string(
        "User Group",
        "The ID of a user group (the people an `@handle` mentions), e.g. `S0614TZR7`. The choices list the "
        "workspace's groups; slack-list-user-groups lists them too.",
        options=usergroup_options,
    ),
)

app.define(
    "file",
    props.string(
        "File",
        "The ID of a Slack file, e.g. `F0S43PZDF`; it is in the file's permalink and returned by slack-list-files "
        "and slack-upload-file.",
        options=file_options,
    ),
)

app.define(
    "reminder",
    props.string(
        "Reminder",
        "The ID of one of the connected user's reminders, e.g. `Rm12345678`, from slack-list-reminders or "
        "slack-create-reminder.",
        options=reminder_options,
    ),
)
