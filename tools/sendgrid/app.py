"""Twilio SendGrid (v3 API): send email, and manage contacts, lists, bounces and suppressions."""

import json
import re
from urllib.parse import parse_qs, urlsplit

from mcp_gateway.catalog import ActionError, App, Identity, KeyField, Keys, Option, OptionsPage, UpstreamError, props, retry_after_seconds


def _headers(auth):
    return {"Authorization": f"Bearer {auth['api_key']}"} if auth.get("api_key") else {}


async def _account_test(ctx):
    """The account's username (`GET /user/username`); keys without that permission are checked
    with `GET /scopes`, which every valid key may call."""
    response = await ctx.http.get("/user/username", raise_for_status=False)
    if response.status_code == 403:
        await request(ctx, "GET", "/scopes")
        return Identity()
    if response.status_code >= 400:
        raise sendgrid_error("GET", "/user/username", response)
    data = response.json()
    user_id = data.get("user_id")
    return Identity(name=data.get("username"), external_id=None if user_id is None else str(user_id))


app = App(
    "sendgrid",
    "Twilio SendGrid",
    "Send email through Twilio SendGrid, with dynamic templates and attachments, and manage marketing contacts, "
    "lists, bounces and unsubscribes.",
    auth=Keys(
        [
            KeyField(
                "api_key",
                "API Key",
                "A SendGrid API key (starts with `SG.`), created under Settings > API Keys. Give it Mail Send for "
                "sending, and Marketing, Suppressions and Templates access for the other actions. Validating "
                "addresses needs a separate Email Validation key.",
            )
        ]
    ),
    categories=["Email", "Marketing"],
    featured_weight=80,
    base_url="https://api.sendgrid.com/v3",
    allowed_domains=["api.sendgrid.com"],
    auth_headers=_headers,
    test=_account_test,
)


# Requests and errors

_HINTS = {
    400: "fix the values named in the message",
    401: "SendGrid rejected the API key; the user should reconnect SendGrid with a valid key",
    403: "the API key lacks the permission (scope) this needs; under Settings > API Keys give the key that access "
    "(e.g. Marketing for contacts and lists, Suppressions for bounces, Stats for statistics) and reconnect",
    404: "check the ID or email address: it must exist in this SendGrid account",
    413: "the request is too large; send fewer or smaller attachments (30 MB in all)",
}


def sendgrid_error(method, path, response):
    """An `UpstreamError` from SendGrid's `{"errors": [{"field", "message"}]}` body."""
    status = response.status_code
    try:
        body = response.json()
    except ValueError:
        body = None
    messages = []
    if isinstance(body, dict):
        for error in body.get("errors") or []:
            if isinstance(error, dict):
                field = error.get("field")
                text = error.get("message") or json.dumps(error)
                messages.append(f"{field}: {text}" if field else text)
            else:
                messages.append(str(error))
        if not messages and body.get("error"):
            messages.append(str(body["error"]))
    detail = "; ".join(messages[:5]) or response.text[:300] or response.reason_phrase
    retry_after = retry_after_seconds(response)
    if status == 429:
        wait = f"retry after {retry_after:.0f} s" if retry_after is not None else "retry later"
        hint = f"rate limited by SendGrid; {wait}"
    elif status >= 500:
        hint = "SendGrid had a server error; retrying later may work"
    else:
        hint = _HINTS.get(status, "fix the values named in the message")
    text = f"SendGrid API error {status} on {method} /v3{path}: {detail} ({hint})"
    return UpstreamError(text, status=status, retry_after=retry_after, body=response.text[:500])


async def request(ctx, method, path, *, params=None, body=None, ok_statuses=()):
    """Call the v3 API; returns the JSON answer (None for an empty one) and the response."""
    response = await ctx.http.request(method, path, params=params, json=body, raise_for_status=False)
    if response.status_code >= 400 and response.status_code not in ok_statuses:
        raise sendgrid_error(method, path, response)
    return response.json() if response.content else None


def plural(n, noun):
    return f"{n} {noun}{'' if n == 1 else 's'}"


def page_token(next_url):
    """The `page_token` of a `_metadata.next` link, or None on the last page."""
    if not next_url:
        return None
    tokens = parse_qs(urlsplit(next_url).query).get("page_token")
    return tokens[0] if tokens else None


async def collect(ctx, path, *, limit, cursor, page_max, params=None):
    """Up to `limit` items of a list SendGrid pages with `page_token` (the `_metadata.next` link),
    from `cursor` on, and the token of the page after them."""
    items, token = [], cursor or None
    while len(items) < limit:
        query = {**(params or {}), "page_size": min(page_max, limit - len(items))}
        if token:
            query["page_token"] = token
        data = await request(ctx, "GET", path, params=query) or {}
        items.extend(data.get("result") or [])
        token = page_token((data.get("_metadata") or {}).get("next"))
        if not token:
            break
    return items[:limit], token


def offset_cursor(cursor):
    """The offset an offset-paged list's cursor holds."""
    if not cursor:
        return 0
    if not str(cursor).isdigit():
        raise ActionError("the cursor is not one this list returned; pass `next_cursor` unchanged or leave it empty")
    return int(cursor)


# Remote options


async def _token_options(ctx, path, params, to_option):
    token = ctx.prev_context.get("page_token")
    if ctx.page > 0 and not token:
        return []  # the previous page was the last one
    query = dict(params)
    if token:
        query["page_token"] = token
    data = await request(ctx, "GET", path, params=query) or {}
    following = page_token((data.get("_metadata") or {}).get("next"))
    return OptionsPage(
        options=[to_option(item) for item in data.get("result") or []],
        context={"page_token": following} if following else None,
    )


async def template_options(ctx):
    return await _token_options(
        ctx,
        "/templates",
        {"generations": "dynamic", "page_size": 200},
        lambda t: Option(label=f"{t.get('name')} ({t.get('id')})", value=t["id"]),
    )


async def list_options(ctx):
    return await _token_options(
        ctx,
        "/marketing/lists",
        {"page_size": 1000},
        lambda item: Option(label=f"{item.get('name')} ({item.get('contact_count', 0)} contacts)", value=item["id"]),
    )


_UUID = re.compile(r"^[0-9a-fA-F-]{36}$")


async def contact_options(ctx):
    """Contacts to pick: those on the chosen list (a search, at most 50), else SendGrid's sample of
    the 50 most recently added; neither pages, so search by email for anyone else."""
    if ctx.page > 0:
        return []
    list_id = str(ctx.props.get("listId") or "")
    if _UUID.match(list_id):
        data = await request(ctx, "POST", "/marketing/contacts/search", body={"query": f"CONTAINS(list_ids, '{list_id}')"}) or {}
    else:
        data = await request(ctx, "GET", "/marketing/contacts") or {}
    options = []
    for contact in data.get("result") or []:
        name = " ".join(p for p in (contact.get("first_name"), contact.get("last_name")) if p)
        options.append(Option(label=f"{contact.get('email')} ({name})" if name else str(contact.get("email")), value=contact["id"]))
    return options


def contact_summary(contact):
    return {
        "id": contact.get("id"),
        "email": contact.get("email"),
        "first_name": contact.get("first_name"),
        "last_name": contact.get("last_name"),
        "phone_number": contact.get("phone_number"),
        "city": contact.get("city"),
        "country": contact.get("country"),
        "postal_code": contact.get("postal_code"),
        "list_ids": contact.get("list_ids") or [],
        "custom_fields": contact.get("custom_fields") or {},
        "created_at": contact.get("created_at"),
        "updated_at": contact.get("updated_at"),
    }


def list_summary(item):
    return {"id": item.get("id"), "name": item.get("name"), "contact_count": item.get("contact_count")}


def template_summary(template):
    active = next((v for v in template.get("versions") or [] if v.get("active") in (1, True)), None)
    return {
        "id": template.get("id"),
        "name": template.get("name"),
        "generation": template.get("generation"),
        "updated_at": template.get("updated_at"),
        "active_version": {"id": active.get("id"), "name": active.get("name"), "subject": active.get("subject")} if active else None,
    }


def bounce_summary(bounce):
    return {"email": bounce.get("email"), "created": bounce.get("created"), "reason": bounce.get("reason"), "status": bounce.get("status")}


def single_send_summary(single_send):
    return {
        "id": single_send.get("id"),
        "name": single_send.get("name"),
        "status": single_send.get("status"),
        "send_at": single_send.get("send_at"),
        "categories": single_send.get("categories") or [],
        "is_abtest": single_send.get("is_abtest"),
        "created_at": single_send.get("created_at"),
        "updated_at": single_send.get("updated_at"),
    }


# Shared props

app.define(
    "templateId",
    props.string(
        "Dynamic Template",
        "The ID of a dynamic transactional template, e.g. `d-13b8f94fbcae4ec6b75270d6cb59f932`. The choices list "
        "the account's dynamic templates.",
        options=template_options,
    ),
)

app.define(
    "listIds",
    props.string_list(
        "Lists",
        "IDs of marketing contact lists, e.g. `[\"ca7a3796-e8a8-4029-9ccb-df8937940562\"]`. The choices list the "
        "account's lists.",
        options=list_options,
    ),
)

app.define(
    "listId",
    props.string(
        "List",
        "The ID of a marketing contact list, e.g. `ca7a3796-e8a8-4029-9ccb-df8937940562`. The choices list the "
        "account's lists.",
        options=list_options,
    ),
)
