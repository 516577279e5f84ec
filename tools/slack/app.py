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
    "files:write",
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
    "Send, edit and find messages, react to them, and look up channels and people in the connected user's Slack workspace.",
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
    "not_in_channel": "the connected user is not a member of that channel; join it in Slack first",
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
    "file_not_found": "Slack lost track of the upload; run the action again",
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
