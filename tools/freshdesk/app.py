"""Freshdesk (API v2): tickets and their conversations, contacts, companies, agents and groups."""

import base64
import re

from mcp_gateway.catalog import ActionError, App, Identity, KeyField, Keys, Option, UpstreamError, props, retry_after_seconds, status_hint

# Lists return at most 100 records a page; searches 30, for 10 pages at most.
MAX_PAGE = 100
SEARCH_PAGE = 30
SEARCH_PAGES = 10

_DOMAIN = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$")

STATUSES = {2: "Open", 3: "Pending", 4: "Resolved", 5: "Closed"}
PRIORITIES = {1: "Low", 2: "Medium", 3: "High", 4: "Urgent"}
SOURCES = {1: "Email", 2: "Portal", 3: "Phone", 7: "Chat", 9: "Feedback Widget", 10: "Outbound Email"}


def _headers(auth):
    # Freshdesk takes the API key as the Basic user name, with any password (`X`).
    key = auth.get("api_key")
    if not key:
        return {}
    return {"Authorization": "Basic " + base64.b64encode(f"{key}:X".encode()).decode()}


def _check_domain(auth):
    domain = str(auth.get("domain") or "")
    if not _DOMAIN.match(domain):
        raise ActionError(
            f"domain {domain!r} is not a Freshdesk helpdesk name; enter only the first part of the address, "
            "e.g. `acme` for https://acme.freshdesk.com"
        )


async def _account_test(ctx):
    """The agent the API key belongs to (`GET /agents/me`)."""
    _check_domain(ctx.auth)
    me = await api(ctx, "GET", "/agents/me")
    contact = me.get("contact") or {}
    return Identity(name=f"{contact.get('email') or contact.get('name')} @ {ctx.auth['domain']}.freshdesk.com",
                    external_id=None if me.get("id") is None else str(me["id"]))


app = App(
    "freshdesk",
    "Freshdesk",
    "List, search, create, update and delete Freshdesk tickets, reply to them and add notes, and look up contacts, "
    "companies, agents and groups in the connected helpdesk.",
    auth=Keys([
        KeyField("api_key", "API Key",
                 "Your Freshdesk API key: in Freshdesk, click your profile picture, then Profile Settings; the key is "
                 "on the right under Your API Key."),
    ]),
    custom_fields=[
        KeyField("domain", "Helpdesk Domain",
                 "The first part of your Freshdesk address: `acme` for https://acme.freshdesk.com.", secret=False),
    ],
    categories=["Customer Support"],
    featured_weight=55,
    base_url="https://{{custom_fields.domain}}.freshdesk.com/api/v2",
    allowed_domains=["{{custom_fields.domain}}.freshdesk.com"],
    auth_headers=_headers,
    test=_account_test,
)


# Errors: Freshdesk answers `{"description": "Validation failed", "errors": [{"field", "message", "code"}]}`,
# or `{"code": "...", "message": "..."}` for authentication and access.

_CODE_HINTS = {
    "invalid_credentials": "Freshdesk rejected the API key; the user should reconnect Freshdesk with a current key",
    "access_denied": "the agent whose key this is may not do this in Freshdesk",
    "require_feature": "the helpdesk's Freshdesk plan does not include this feature",
    "account_suspended": "the Freshdesk account is suspended",
    "missing_field": "a required field is missing",
    "invalid_value": "a value is not one Freshdesk accepts",
    "duplicate_value": "another record already has that value (a contact's email or phone is unique)",
    "invalid_field": "a field is not one Freshdesk knows; custom fields go in customFields by their API name (`cf_...`)",
    "datatype_mismatch": "a value has the wrong type (a number where text is expected, or the reverse)",
    "invalid_size": "a value is too long",
    "incompatible_field": "a field cannot be used with another one given",
    "inconsistent_state": "the record is not in a state that allows this",
}


def freshdesk_error(method, path, response):
    status = response.status_code
    try:
        data = response.json()
    except ValueError:
        data = {}
    data = data if isinstance(data, dict) else {}
    parts, codes = [], []
    for error in data.get("errors") or []:
        if isinstance(error, dict):
            field = f"{error['field']}: " if error.get("field") else ""
            parts.append(f"{field}{error.get('message')}")
            codes.append(error.get("code"))
    if data.get("code"):
        codes.append(data["code"])
    message = "; ".join(parts[:5]) or data.get("message") or data.get("description") or response.text[:300] \
        or response.reason_phrase
    retry_after = retry_after_seconds(response)
    hints = [_CODE_HINTS[c] for c in dict.fromkeys(codes) if c in _CODE_HINTS]
    if status == 404:
        hints = ["nothing has that ID in this helpdesk; find tickets with freshdesk-list-tickets or "
                 "freshdesk-search-tickets, contacts with freshdesk-list-contacts"]
    hint = "; ".join(hints) or status_hint("Freshdesk", status, retry_after)
    return UpstreamError(f"Freshdesk API error {status} on {method} {path}: {message} ({hint})",
                         status=status, retry_after=retry_after, body=response.text[:500])


async def request(ctx, method, path, **kw):
    _check_domain(ctx.auth)
    response = await ctx.http.request(method, path, raise_for_status=False, **kw)
    if response.status_code >= 400:
        raise freshdesk_error(method, path, response)
    return response


async def api(ctx, method, path, **kw):
    response = await request(ctx, method, path, **kw)
    return response.json() if response.content else {}


def offset_of(cursor):
    if not cursor:
        return 0
    try:
        return max(0, int(cursor))
    except ValueError:
        raise ActionError(f"cursor {cursor!r} is not one this action returned; pass a `next_cursor` unchanged") from None


async def collect(ctx, path, *, limit, cursor, params=None):
    """Up to `limit` records of a paged list from the offset in `cursor`, and the cursor after them.

    Freshdesk pages by number; a page size dividing the offset lets any offset start a page.
    """
    offset = offset_of(cursor)
    size = min(MAX_PAGE, limit)
    if offset % size:
        size = max(d for d in range(1, size + 1) if offset % d == 0)
    records, more = [], True
    while len(records) < limit and more:
        response = await request(ctx, "GET", path,
                                 params={**(params or {}), "per_page": size, "page": (offset + len(records)) // size + 1})
        page = response.json() or []
        records.extend(page)
        more = "next" in response.links and len(page) == size
    kept = records[:limit]
    following = offset + len(kept)
    return kept, str(following) if more or len(kept) < len(records) else None


async def search(ctx, path, query, *, limit, cursor):
    """Up to `limit` results of a filter search from the offset in `cursor`, and the cursor after them.

    Searches come in pages of 30, and only the first 10 pages can be read.
    """
    if not (query.startswith('"') and query.endswith('"')):
        query = f'"{query}"'
    offset = offset_of(cursor)
    results, total, skip = [], 0, offset % SEARCH_PAGE
    page = offset // SEARCH_PAGE + 1
    while len(results) < limit and page <= SEARCH_PAGES:
        data = await api(ctx, "GET", path, params={"query": query, "page": page})
        batch = (data.get("results") or [])[skip:]
        total, skip = data.get("total") or 0, 0
        results.extend(batch)
        if not batch or page * SEARCH_PAGE >= total:
            break
        page += 1
    kept = results[:limit]
    following = offset + len(kept)
    readable = min(total, SEARCH_PAGE * SEARCH_PAGES)
    return kept, total, str(following) if following < readable else None


def ticket_summary(ticket):
    return {
        "id": ticket.get("id"),
        "subject": ticket.get("subject"),
        "status": STATUSES.get(ticket.get("status"), ticket.get("status")),
        "priority": PRIORITIES.get(ticket.get("priority"), ticket.get("priority")),
        "type": ticket.get("type"),
        "source": SOURCES.get(ticket.get("source"), ticket.get("source")),
        "requester_id": ticket.get("requester_id"),
        "responder_id": ticket.get("responder_id"),
        "group_id": ticket.get("group_id"),
        "company_id": ticket.get("company_id"),
        "tags": ticket.get("tags"),
        "due_by": ticket.get("due_by"),
        "created_at": ticket.get("created_at"),
        "updated_at": ticket.get("updated_at"),
    }


def conversation_summary(entry):
    return {
        "id": entry.get("id"),
        "ticket_id": entry.get("ticket_id"),
        "private": entry.get("private"),
        "incoming": entry.get("incoming"),
        "user_id": entry.get("user_id"),
        "from_email": entry.get("from_email"),
        "to_emails": entry.get("to_emails"),
        "body_text": entry.get("body_text"),
        "created_at": entry.get("created_at"),
    }


def ticket_with_conversations(ticket):
    requester = ticket.get("requester")
    return {
        **ticket_summary(ticket),
        "description_text": ticket.get("description_text"),
        "requester": {k: requester.get(k) for k in ("id", "name", "email")} if isinstance(requester, dict) else None,
        "conversations": [conversation_summary(c) for c in ticket.get("conversations") or []],
    }


def contact_summary(contact):
    return {key: contact.get(key) for key in (
        "id", "name", "email", "phone", "mobile", "company_id", "job_title", "active", "created_at", "updated_at")}


def company_summary(company):
    return {key: company.get(key) for key in ("id", "name", "description", "domains", "industry", "created_at", "updated_at")}


def agent_summary(agent):
    contact = agent.get("contact") or {}
    return {"id": agent.get("id"), "name": contact.get("name"), "email": contact.get("email"),
            "available": agent.get("available"), "occasional": agent.get("occasional"), "group_ids": agent.get("group_ids")}


def ticket_fields(ctx):
    """The ticket fields create and update share, as Freshdesk names them."""
    body = {}
    for name, field in (("subject", "subject"), ("description", "description"), ("status", "status"),
                        ("priority", "priority"), ("type", "type"), ("responderId", "responder_id"),
                        ("groupId", "group_id"), ("companyId", "company_id"), ("dueBy", "due_by"),
                        ("tags", "tags"), ("customFields", "custom_fields")):
        if ctx.props.get(name) not in (None, "", [], {}):
            body[field] = ctx.props[name]
    return body


# Remote options

async def _agent_options(ctx):
    agents = await api(ctx, "GET", "/agents", params={"per_page": MAX_PAGE, "page": ctx.page + 1})
    return [Option(label=(a.get("contact") or {}).get("name") or str(a["id"]), value=a["id"]) for a in agents]


async def _group_options(ctx):
    groups = await api(ctx, "GET", "/groups", params={"per_page": MAX_PAGE, "page": ctx.page + 1})
    return [Option(label=g.get("name") or str(g["id"]), value=g["id"]) for g in groups]


app.define("ticketId", props.integer(
    "Ticket", "The ticket's number, e.g. `1042`: shown as #1042 in Freshdesk and in its URL (`/a/tickets/1042`); "
    "freshdesk-list-tickets and freshdesk-search-tickets return it as `id`."))
app.define("status", props.integer(
    "Status", "2 Open, 3 Pending, 4 Resolved, 5 Closed.",
    options=[Option(label=name, value=code) for code, name in STATUSES.items()], optional=True))
app.define("priority", props.integer(
    "Priority", "1 Low, 2 Medium, 3 High, 4 Urgent.",
    options=[Option(label=name, value=code) for code, name in PRIORITIES.items()], optional=True))
app.define("responderId", props.integer(
    "Agent", "The ID of the agent to assign the ticket to; the options list the helpdesk's agents "
    "(freshdesk-list-agents too).", optional=True, options=_agent_options))
app.define("groupId", props.integer(
    "Group", "The ID of the group to assign the ticket to; the options list the helpdesk's groups.",
    optional=True, options=_group_options))
app.define("companyId", props.integer(
    "Company", "A company's ID, from freshdesk-list-companies.", optional=True))
app.define("customFields", props.obj(
    "Custom Fields", "Values of the helpdesk's custom ticket fields by API name, e.g. `{\"cf_order_number\": \"A-19\"}`.",
    optional=True))
