"""Twilio SendGrid (v3 API): send email, and manage contacts, lists, bounces and suppressions."""

import json
from urllib.parse import parse_qs, urlsplit

from mcp_gateway.catalog import App, Identity, KeyField, Keys, Option, OptionsPage, UpstreamError, props, retry_after_seconds


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
    403: "the API key lacks the permission (scope) this needs; create a key with that access and reconnect",
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


def page_token(next_url):
    """The `page_token` of a `_metadata.next` link, or None on the last page."""
    if not next_url:
        return None
    tokens = parse_qs(urlsplit(next_url).query).get("page_token")
    return tokens[0] if tokens else None


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
