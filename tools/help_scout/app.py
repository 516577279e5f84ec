"""Help Scout (Mailbox API 2.0): conversations and their threads, customers, mailboxes and users."""

from mcp_gateway.catalog import ActionError, App, Identity, OAuth, Option, OptionsPage, UpstreamError, props, retry_after_seconds, status_hint

API = "https://api.helpscout.net/v2"

STATUSES = ["active", "pending", "closed"]


async def _account_test(ctx):
    """The user the token acts as (`GET /users/me`)."""
    me = await api(ctx, "GET", "/users/me")
    return Identity(name=me.get("email") or " ".join(filter(None, (me.get("firstName"), me.get("lastName")))),
                    external_id=None if me.get("id") is None else str(me["id"]))


app = App(
    "help_scout",
    "Help Scout",
    "Read, start and answer Help Scout conversations (replies and internal notes), change their status, and look up "
    "or add customers, in the connected Help Scout account's mailboxes.",
    auth=OAuth(
        authorize_url="https://secure.helpscout.net/authentication/authorizeClientApplication",
        token_url="https://api.helpscout.net/v2/oauth2/token",
    ),
    categories=["Customer Support"],
    featured_weight=45,
    base_url=API,
    allowed_domains=["api.helpscout.net"],
    test=_account_test,
)


# Errors: Help Scout answers `{"message": "...", "_embedded": {"errors": [{"path", "message"}]}}`.

_STATUS_HINTS = {
    401: "Help Scout rejected the token; the user should reconnect Help Scout",
    403: "the connected Help Scout user may not do this (a mailbox they cannot see, or an admin-only operation)",
    404: "nothing has that ID in this Help Scout account; find conversations with help_scout-list-conversations and "
         "customers with help_scout-list-customers",
}


def help_scout_error(method, path, response):
    status = response.status_code
    try:
        data = response.json()
    except ValueError:
        data = {}
    data = data if isinstance(data, dict) else {}
    details = [f"{e.get('path')}: {e.get('message')}" if e.get("path") else str(e.get("message"))
               for e in (data.get("_embedded") or {}).get("errors") or [] if isinstance(e, dict)]
    message = "; ".join(filter(None, [data.get("message"), *details[:5]])) or response.text[:300] or response.reason_phrase
    retry_after = retry_after_seconds(response)
    if retry_after is None and response.headers.get("x-ratelimit-retry-after"):
        try:
            retry_after = max(0.0, float(response.headers["x-ratelimit-retry-after"]))
        except ValueError:
            retry_after = None
    hint = status_hint("Help Scout", status, retry_after, _STATUS_HINTS)
    return UpstreamError(f"Help Scout API error {status} on {method} {path}: {message} ({hint})",
                         status=status, retry_after=retry_after, body=response.text[:500])


async def request(ctx, method, path, **kw):
    response = await ctx.http.request(method, path, raise_for_status=False, **kw)
    if response.status_code >= 400:
        raise help_scout_error(method, path, response)
    return response


async def api(ctx, method, path, **kw):
    response = await request(ctx, method, path, **kw)
    return response.json() if response.content else {}


def created_id(response):
    """Help Scout answers a create with 201 and the new resource's ID in `Resource-ID`."""
    raw = response.headers.get("resource-id")
    return int(raw) if raw and raw.isdigit() else raw


def _position(cursor):
    if not cursor:
        return 1, 0
    try:
        page, skip = (int(part) for part in str(cursor).split("."))
        return max(1, page), max(0, skip)
    except ValueError:
        raise ActionError(f"cursor {cursor!r} is not one this action returned; pass a `next_cursor` unchanged") from None


async def collect(ctx, path, key, *, limit, cursor, params=None):
    """Up to `limit` records of a paged list from `cursor` on, and the cursor after them.

    Help Scout sets the page size; the cursor is a page number and how many of its records were already read.
    """
    page, skip = _position(cursor)
    records = []
    while True:
        data = await api(ctx, "GET", path, params={**(params or {}), "page": page})
        batch = ((data.get("_embedded") or {}).get(key) or [])
        wanted = limit - len(records)
        records.extend(batch[skip:skip + wanted])
        if skip + wanted < len(batch):
            return records, f"{page}.{skip + wanted}"
        pages = (data.get("page") or {}).get("totalPages") or 0
        if page >= pages or not batch:
            return records, None
        page, skip = page + 1, 0
        if len(records) >= limit:
            return records, f"{page}.0"


def _person(person):
    if not isinstance(person, dict):
        return None
    name = " ".join(filter(None, (person.get("first"), person.get("last")))) or None
    return {"id": person.get("id"), "name": name, "email": person.get("email"), "type": person.get("type")}


def conversation_summary(conversation):
    return {
        "id": conversation.get("id"),
        "number": conversation.get("number"),
        "subject": conversation.get("subject"),
        "preview": conversation.get("preview"),
        "status": conversation.get("status"),
        "state": conversation.get("state"),
        "type": conversation.get("type"),
        "mailbox_id": conversation.get("mailboxId"),
        "assignee": _person(conversation.get("assignee")),
        "customer": _person(conversation.get("primaryCustomer")),
        "tags": [t.get("tag") for t in conversation.get("tags") or [] if isinstance(t, dict)],
        "threads": conversation.get("threads"),
        "created_at": conversation.get("createdAt"),
        "closed_at": conversation.get("closedAt"),
        "customer_waiting_since": (conversation.get("customerWaitingSince") or {}).get("time"),
        "user_updated_at": conversation.get("userUpdatedAt"),
    }


def thread_summary(thread):
    return {
        "id": thread.get("id"),
        "type": thread.get("type"),
        "status": thread.get("status"),
        "body": thread.get("body"),
        "created_by": _person(thread.get("createdBy")),
        "to": thread.get("to"),
        "cc": thread.get("cc"),
        "created_at": thread.get("createdAt"),
    }


def conversation_with_threads(conversation):
    threads = (conversation.get("_embedded") or {}).get("threads") or []
    return {**conversation_summary(conversation), "threads": [thread_summary(t) for t in threads]}


def customer_summary(customer):
    embedded = customer.get("_embedded") or {}
    return {
        "id": customer.get("id"),
        "first_name": customer.get("firstName"),
        "last_name": customer.get("lastName"),
        "emails": [e.get("value") for e in embedded.get("emails") or [] if isinstance(e, dict)],
        "phones": [p.get("value") for p in embedded.get("phones") or [] if isinstance(p, dict)],
        "organization": customer.get("organization"),
        "job_title": customer.get("jobTitle"),
        "location": customer.get("location"),
        "background": customer.get("background"),
        "created_at": customer.get("createdAt"),
        "updated_at": customer.get("updatedAt"),
    }


def mailbox_summary(mailbox):
    return {key: mailbox.get(key) for key in ("id", "name", "slug", "email", "createdAt", "updatedAt")}


# Remote options

async def _page_options(ctx, path, key, label):
    page = ctx.prev_context.get("page") or 1
    data = await api(ctx, "GET", path, params={"page": page})
    options = [Option(label=label(item), value=item["id"]) for item in (data.get("_embedded") or {}).get(key) or []]
    more = page < ((data.get("page") or {}).get("totalPages") or 0)
    return OptionsPage(options=options, context={"page": page + 1} if more else None)


async def _mailbox_options(ctx):
    return await _page_options(ctx, "/mailboxes", "mailboxes", lambda m: m.get("name") or str(m["id"]))


async def _user_options(ctx):
    def label(user):
        name = " ".join(filter(None, (user.get("firstName"), user.get("lastName")))) or str(user["id"])
        return f"{name} <{user['email']}>" if user.get("email") else name
    return await _page_options(ctx, "/users", "users", label)


app.define("conversationId", props.integer(
    "Conversation", "The conversation's ID (not its number), from help_scout-list-conversations (`id`) or the "
    "conversation's URL in Help Scout (`/conversation/<id>/<number>`)."))
app.define("customerId", props.integer(
    "Customer", "The customer's ID, from help_scout-list-customers or a conversation's `customer`."))
app.define("mailboxId", props.integer(
    "Mailbox", "The mailbox's ID; the options list the account's mailboxes (help_scout-list-mailboxes too).",
    options=_mailbox_options))
app.define("userId", props.integer(
    "User", "A Help Scout user's (teammate's) ID; the options list the account's users.", optional=True,
    options=_user_options))
app.define("status", props.string(
    "Status", "`active` (open), `pending` or `closed`.", options=STATUSES, optional=True))
