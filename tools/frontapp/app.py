"""Front: shared-inbox conversations, replies and comments, contacts, and the company's teammates."""

from urllib.parse import parse_qs, urlsplit

from mcp_gateway.catalog import (
    ActionError, App, Identity, KeyField, Keys, Option, OptionsPage, UpstreamError, props, retry_after_seconds, status_hint,
)

API = "https://api2.frontapp.com"

# List endpoints return at most 100 records a page.
MAX_PAGE = 100


def _headers(auth):
    token = auth.get("api_token")
    return {"Authorization": f"Bearer {token}", "Accept": "application/json"} if token else {}


async def _account_test(ctx):
    """The company the token belongs to (`GET /me`)."""
    me = await api(ctx, "GET", "/me")
    return Identity(name=me.get("name"), external_id=me.get("id"))


app = App(
    "frontapp",
    "Front",
    "List and read conversations in the connected Front company's inboxes, archive, reopen or assign them, reply "
    "to customers, leave internal comments for teammates, and find or add contacts.",
    auth=Keys([
        KeyField(
            "api_token",
            "API Token",
            "A Front API token: in Front, Settings, then Developers, then API tokens, then Create API token, with "
            "access to the shared (and, if needed, private) resources this should reach.",
        )
    ]),
    categories=["Customer Support"],
    featured_weight=50,
    base_url=API,
    allowed_domains=["api2.frontapp.com"],
    auth_headers=_headers,
    test=_account_test,
)


# Errors: Front answers `{"_error": {"status": 404, "title": "Not found", "message": "..."}}`.

_STATUS_HINTS = {
    401: "Front rejected the API token; the user should reconnect Front with a valid token",
    403: "the API token may not reach this; give it access to the inbox or resource in Front's API token settings",
    404: "nothing has that ID in this Front company; find conversations with frontapp-list-conversations, contacts "
         "with frontapp-list-contacts and teammates with frontapp-list-teammates",
}


def front_error(method, path, response):
    status = response.status_code
    try:
        data = response.json()
    except ValueError:
        data = {}
    error = data.get("_error") if isinstance(data, dict) else None
    error = error if isinstance(error, dict) else {}
    message = error.get("message") or error.get("title") or response.text[:300] or response.reason_phrase
    retry_after = retry_after_seconds(response)
    hint = status_hint("Front", status, retry_after, _STATUS_HINTS)
    return UpstreamError(f"Front API error {status} on {method} {path}: {message} ({hint})",
                         status=status, retry_after=retry_after, body=response.text[:500])


async def api(ctx, method, path, **kw):
    response = await ctx.http.request(method, path, raise_for_status=False, **kw)
    if response.status_code >= 400:
        raise front_error(method, path, response)
    return response.json() if response.content else {}


def _page_token(link):
    if not link:
        return None
    found = parse_qs(urlsplit(link).query).get("page_token")
    return found[0] if found else None


async def collect(ctx, path, *, limit, cursor, params=None):
    """Up to `limit` records of a Front list, from `cursor` (Front's page token) on, and the cursor after them."""
    records, token = [], cursor or None
    while len(records) < limit:
        query = {**(params or {}), "limit": min(MAX_PAGE, limit - len(records))}
        if token:
            query["page_token"] = token
        page = await api(ctx, "GET", path, params=query)
        records.extend(page.get("_results") or [])
        token = _page_token((page.get("_pagination") or {}).get("next"))
        if not token:
            break
    return records[:limit], token


def _teammate_ref(teammate):
    if not isinstance(teammate, dict):
        return None
    return {"id": teammate.get("id"), "email": teammate.get("email"),
            "name": " ".join(p for p in (teammate.get("first_name"), teammate.get("last_name")) if p) or None}


def conversation_summary(conversation):
    recipient = conversation.get("recipient") or {}
    return {
        "id": conversation.get("id"),
        "subject": conversation.get("subject"),
        "status": conversation.get("status"),
        "assignee": _teammate_ref(conversation.get("assignee")),
        "recipient": recipient.get("handle"),
        "tags": [t.get("name") for t in conversation.get("tags") or [] if isinstance(t, dict)],
        "created_at": conversation.get("created_at"),
        "updated_at": conversation.get("updated_at"),
        "waiting_since": conversation.get("waiting_since"),
        "url": (conversation.get("_links") or {}).get("self"),
    }


def contact_summary(contact):
    return {
        "id": contact.get("id"),
        "name": contact.get("name"),
        "description": contact.get("description"),
        "handles": [{"handle": h.get("handle"), "source": h.get("source")} for h in contact.get("handles") or []
                    if isinstance(h, dict)],
        "links": contact.get("links"),
    }


def teammate_summary(teammate):
    return {**_teammate_ref(teammate), "username": teammate.get("username"), "is_admin": teammate.get("is_admin"),
            "is_available": teammate.get("is_available"), "is_blocked": teammate.get("is_blocked")}


def comment_summary(comment):
    return {"id": comment.get("id"), "body": comment.get("body"), "author": _teammate_ref(comment.get("author")),
            "posted_at": comment.get("posted_at")}


def conversation_path(ctx):
    conversation_id = str(ctx.props.conversationId).strip()
    if not conversation_id.startswith("cnv_"):
        raise ActionError(f"conversationId {conversation_id!r} is not a Front conversation ID; they look like `cnv_55c8c149`")
    return f"/conversations/{conversation_id}"


# Remote options

async def _inbox_options(ctx):
    inboxes = (await api(ctx, "GET", "/inboxes")).get("_results") or []
    return OptionsPage(options=[Option(label=i.get("name") or i["id"], value=i["id"]) for i in inboxes])


async def _teammate_options(ctx):
    teammates = (await api(ctx, "GET", "/teammates")).get("_results") or []
    return OptionsPage(options=[Option(label=(_teammate_ref(t) or {}).get("name") or t.get("email") or t["id"],
                                       value=t["id"]) for t in teammates])


app.define("conversationId", props.string(
    "Conversation", "The conversation's ID, e.g. `cnv_55c8c149`, from frontapp-list-conversations (also in the "
    "conversation's `Copy link`)."))
app.define("inboxId", props.string(
    "Inbox", "An inbox's ID, e.g. `inb_55c8c149`; the options list the company's inboxes.", options=_inbox_options,
    optional=True))
app.define("teammateId", props.string(
    "Teammate", "A teammate's ID, e.g. `tea_55c8c149`, from frontapp-list-teammates; the options list them.",
    options=_teammate_options, optional=True))
