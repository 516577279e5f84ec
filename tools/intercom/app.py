"""Intercom: the workspace's contacts, conversations, tags, notes and companies."""

from mcp_gateway.catalog import App, Identity, OAuth, Option, OptionsPage, UpstreamError, props, retry_after_seconds, status_hint

API = "https://api.intercom.io"
# Requests name the API version they were written against; responses keep this shape.
VERSION = "2.11"

# Lists and searches return at most 150 records a page.
MAX_PAGE = 150


def _headers(auth):
    token = auth.get("oauth_access_token")
    if not token:
        return {}
    return {"Authorization": f"Bearer {token}", "Intercom-Version": VERSION, "Accept": "application/json"}


async def _account_test(ctx):
    """The admin the token acts as (`GET /me`) and their workspace."""
    me = await api(ctx, "GET", "/me")
    workspace = (me.get("app") or {}).get("name")
    name = me.get("email") or me.get("name")
    return Identity(name=f"{name} @ {workspace}" if workspace else name,
                    external_id=None if me.get("id") is None else str(me["id"]))


app = App(
    "intercom",
    "Intercom",
    "Find, create and update contacts (users and leads) in the connected Intercom workspace, read and search "
    "conversations, reply to them, assign, snooze or close them, tag contacts, write notes and record companies.",
    auth=OAuth(
        authorize_url="https://app.intercom.com/oauth",
        token_url="https://api.intercom.io/auth/eagle/token",
        # Intercom grants the permissions set on the app in its Developer Hub; it takes no scope parameter.
    ),
    categories=["Customer Support"],
    featured_weight=60,
    base_url=API,
    allowed_domains=["api.intercom.io"],
    auth_headers=_headers,
    test=_account_test,
)


# Errors: Intercom answers `{"type": "error.list", "errors": [{"code": "...", "message": "..."}]}`.

_CODE_HINTS = {
    "unauthorized": "Intercom rejected the token; the user should reconnect Intercom",
    "token_unauthorized": "Intercom rejected the token; the user should reconnect Intercom",
    "token_revoked": "the Intercom token was revoked; the user should reconnect Intercom",
    "forbidden": "the Intercom app lacks the permission this needs; reconnect with an app granted it",
    "not_found": "nothing has that ID in this workspace; find contacts with intercom-search-contacts and "
                 "conversations with intercom-list-conversations or intercom-search-conversations",
    "parameter_not_found": "a required field is missing; the message names it",
    "parameter_invalid": "a value is not what Intercom expects; the message names it",
    "conflict": "a contact with that email or external ID already exists; find it with intercom-search-contacts and "
                "update it with intercom-update-contact",
    "admin_not_found": "no admin has that ID; leave adminId empty to act as the connected admin",
    "rate_limit_exceeded": None,
}


def intercom_error(method, path, response):
    status = response.status_code
    try:
        data = response.json()
    except ValueError:
        data = {}
    errors = data.get("errors") if isinstance(data, dict) else None
    first = errors[0] if isinstance(errors, list) and errors and isinstance(errors[0], dict) else {}
    code = first.get("code")
    message = first.get("message") or response.text[:300] or response.reason_phrase
    retry_after = retry_after_seconds(response)
    hint = _CODE_HINTS.get(code) or status_hint("Intercom", status, retry_after)
    return UpstreamError(f"Intercom API error {status} on {method} {path}: {message} ({hint})",
                         status=status, retry_after=retry_after, body=response.text[:500])


async def api(ctx, method, path, **kw):
    response = await ctx.http.request(method, path, raise_for_status=False, **kw)
    if response.status_code >= 400:
        raise intercom_error(method, path, response)
    return response.json() if response.content else {}


async def admin_id(ctx):
    """The admin to act as: the one given, else the connected admin."""
    if ctx.props.get("adminId"):
        return str(ctx.props.adminId)
    me = await api(ctx, "GET", "/me")
    return str(me["id"])


def _next_after(page):
    following = (page.get("pages") or {}).get("next")
    return following.get("starting_after") if isinstance(following, dict) else None


async def search(ctx, path, key, *, query, limit, cursor):
    """Up to `limit` records of a search (`POST .../search`), from `cursor` on, and the cursor after them."""
    records, after = [], cursor or None
    while len(records) < limit:
        pagination = {"per_page": min(MAX_PAGE, limit - len(records))}
        if after:
            pagination["starting_after"] = after
        page = await api(ctx, "POST", path, json={"query": query, "pagination": pagination})
        records.extend(page.get(key) or [])
        after = _next_after(page)
        if not after:
            break
    return records[:limit], after


async def listing(ctx, path, key, *, limit, cursor, params=None):
    records, after = [], cursor or None
    while len(records) < limit:
        query = {**(params or {}), "per_page": min(MAX_PAGE, limit - len(records))}
        if after:
            query["starting_after"] = after
        page = await api(ctx, "GET", path, params=query)
        records.extend(page.get(key) or [])
        after = _next_after(page)
        if not after:
            break
    return records[:limit], after


def contact_summary(contact):
    return {
        "id": contact.get("id"),
        "role": contact.get("role"),
        "name": contact.get("name"),
        "email": contact.get("email"),
        "phone": contact.get("phone"),
        "external_id": contact.get("external_id"),
        "owner_id": contact.get("owner_id"),
        "created_at": contact.get("created_at"),
        "updated_at": contact.get("updated_at"),
        "last_seen_at": contact.get("last_seen_at"),
        "custom_attributes": contact.get("custom_attributes"),
    }


def _author(author):
    if not isinstance(author, dict):
        return None
    return {"type": author.get("type"), "id": author.get("id"), "name": author.get("name"), "email": author.get("email")}


def conversation_summary(conversation):
    source = conversation.get("source") or {}
    return {
        "id": conversation.get("id"),
        "title": conversation.get("title"),
        "state": conversation.get("state"),
        "read": conversation.get("read"),
        "priority": conversation.get("priority"),
        "created_at": conversation.get("created_at"),
        "updated_at": conversation.get("updated_at"),
        "waiting_since": conversation.get("waiting_since"),
        "snoozed_until": conversation.get("snoozed_until"),
        "admin_assignee_id": conversation.get("admin_assignee_id"),
        "team_assignee_id": conversation.get("team_assignee_id"),
        "subject": source.get("subject"),
        "body": source.get("body"),
        "author": _author(source.get("author")),
        "contact_ids": [c.get("id") for c in (conversation.get("contacts") or {}).get("contacts") or []],
        "tags": [t.get("name") for t in (conversation.get("tags") or {}).get("tags") or []],
    }


def conversation_with_parts(conversation):
    parts = (conversation.get("conversation_parts") or {}).get("conversation_parts") or []
    return {
        **conversation_summary(conversation),
        "parts": [{"id": p.get("id"), "part_type": p.get("part_type"), "body": p.get("body"),
                   "created_at": p.get("created_at"), "author": _author(p.get("author"))} for p in parts],
    }


# Remote options

async def _admin_options(ctx):
    data = await api(ctx, "GET", "/admins")
    return [Option(label=f"{a.get('name')} <{a.get('email')}>" if a.get("email") else a.get("name") or a["id"],
                   value=str(a["id"])) for a in data.get("admins") or []]


async def _tag_options(ctx):
    data = await api(ctx, "GET", "/tags")
    return [Option(label=t.get("name") or t["id"], value=str(t["id"])) for t in data.get("data") or []]


async def _conversation_options(ctx):
    query = {"per_page": 50}
    if ctx.prev_context.get("starting_after"):
        query["starting_after"] = ctx.prev_context["starting_after"]
    page = await api(ctx, "GET", "/conversations", params=query)
    options = [Option(label=(c.get("title") or (c.get("source") or {}).get("subject") or f"Conversation {c['id']}"),
                      value=str(c["id"])) for c in page.get("conversations") or []]
    after = _next_after(page)
    return OptionsPage(options=options, context={"starting_after": after} if after else None)


app.define("contactId", props.string(
    "Contact", "The Intercom contact's ID (a 24-character hex string such as `6329bd9ffe4e3b5e0d0cbaf6`), from "
    "intercom-search-contacts or intercom-create-contact, or the contact's URL in Intercom (`/users/<id>`)."))
app.define("conversationId", props.string(
    "Conversation", "The conversation's ID (digits, e.g. `147`), from intercom-list-conversations, "
    "intercom-search-conversations or the conversation's URL in the Inbox (`/conversation/<id>`).",
    options=_conversation_options))
app.define("adminId", props.string(
    "Admin", "The teammate (admin) to act as, by ID; the options list the workspace's teammates. Empty: the admin "
    "who connected Intercom.", optional=True, options=_admin_options))
app.define("tagId", props.string(
    "Tag", "The ID of an existing tag; the options list the workspace's tags.", options=_tag_options))
app.define("query", props.obj(
    "Query",
    'Intercom\'s search query: one filter {"field": "email", "operator": "=", "value": "ada@example.com"}, or '
    'several joined {"operator": "AND", "value": [filter, ...]} (or "OR"). Operators: =, !=, IN, NIN, <, >, ~ '
    "(contains), !~, ^ (starts with), $ (ends with). Dates are Unix seconds."))


# The contact fields create and update share.
CONTACT_FIELDS = {
    "email": props.string("Email", "The contact's email address.", optional=True),
    "externalId": props.string("External ID", "Your own system's ID for the user, e.g. `user_1042`.", optional=True),
    "name": props.string("Name", "The contact's full name.", optional=True),
    "phone": props.string("Phone", "A phone number, e.g. `+14155550100`.", optional=True),
    "ownerId": props.integer("Owner", "The ID of the teammate (admin) who owns the contact.", optional=True),
    "unsubscribedFromEmails": props.boolean("Unsubscribed From Emails", "Whether the contact opted out of email.",
                                            optional=True),
    "customAttributes": props.obj(
        "Custom Attributes", "Values of the workspace's custom data attributes by name, e.g. `{\"plan\": \"pro\"}`; "
        "the attributes must already exist in Intercom.", optional=True),
}
_CONTACT_API = {"email": "email", "externalId": "external_id", "name": "name", "phone": "phone", "ownerId": "owner_id",
                "unsubscribedFromEmails": "unsubscribed_from_emails", "customAttributes": "custom_attributes"}


def contact_body(ctx):
    return {field: ctx.props[name] for name, field in _CONTACT_API.items() if ctx.props.get(name) not in (None, "", {})}
