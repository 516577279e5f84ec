"""Resend: send transactional email (one, or a batch), follow and cancel it, manage sending domains
and contacts."""

from urllib.parse import quote

from mcp_gateway.catalog import ActionError, App, KeyField, Keys, Option, OptionsPage, UpstreamError, props, retry_after_seconds

API = "https://api.resend.com"

# Resend lists return at most 100 records a call.
MAX_PAGE = 100


def _headers(auth):
    key = auth.get("api_key")
    return {"Authorization": f"Bearer {key}"} if key else {}


async def _account_test(ctx):
    """One domain of the account (`GET /domains`). A key with sending access only may not list
    domains; Resend answering so still proves the key."""
    try:
        await api(ctx, "GET", "/domains", params={"limit": 1})
    except UpstreamError as exc:
        if "restricted_api_key" not in (exc.body or ""):
            raise
    return None


app = App(
    "resend",
    "Resend",
    "Send transactional email through Resend, one at a time or in batches, optionally scheduled; look up sent "
    "email and its delivery status, cancel scheduled email, check and verify sending domains, and add contacts.",
    auth=Keys([
        KeyField("api_key", "API Key", "A Resend API key (starts with `re_`): in Resend, open API Keys. A key with "
                 "sending access only can send but cannot read domains, email or contacts."),
    ]),
    categories=["Email"],
    featured_weight=50,
    base_url=API,
    allowed_domains=["api.resend.com"],
    auth_headers=_headers,
    test=_account_test,
)


# Errors: Resend answers `{"statusCode", "name", "message"}`; the name says what went wrong.

_NAME_HINTS = {
    "validation_error": "some values are not what Resend expects; see the message",
    "missing_required_field": "a required field is missing; see the message",
    "invalid_parameter": "a value is not valid; see the message",
    "invalid_from_address": "the From address must be `email@example.com` or `Name <email@example.com>` on a verified "
                            "domain (resend-list-domains shows them)",
    "invalid_idempotency_key": "the idempotency key must be 1 to 256 characters",
    "invalid_idempotent_request": "that idempotency key was used with a different request; use a new key",
    "concurrent_idempotent_requests": "a request with that idempotency key is still being processed; retry shortly",
    "missing_api_key": "the user should reconnect Resend with an API key",
    "invalid_api_key": "Resend rejected the API key; the user should reconnect Resend with a valid one",
    "restricted_api_key": "the API key may only send email; reconnect Resend with a full-access key to read or manage "
                          "domains, email and contacts",
    "invalid_access": "the API key lacks access for this; reconnect Resend with a full-access key",
    "not_found": "nothing has that ID in this Resend account; check the ID",
    "daily_quota_exceeded": "the account reached its daily sending quota; wait a day or upgrade the plan",
    "monthly_quota_exceeded": "the account reached its monthly sending quota; upgrade the plan",
    "security_error": "Resend flagged the request; the user should contact Resend support",
}


def resend_error(method, path, response):
    status = response.status_code
    try:
        data = response.json()
    except ValueError:
        data = {}
    data = data if isinstance(data, dict) else {}
    name = data.get("name")
    message = data.get("message") or response.text[:300] or response.reason_phrase
    retry_after = retry_after_seconds(response)
    if status == 429 and name not in ("daily_quota_exceeded", "monthly_quota_exceeded"):
        hint = f"rate limited by Resend; {'retry after %g s' % retry_after if retry_after is not None else 'retry in a second'}"
    elif name in _NAME_HINTS:
        hint = _NAME_HINTS[name]
    elif status in (401, 403):
        hint = _NAME_HINTS["invalid_api_key"]
    elif status == 404:
        hint = _NAME_HINTS["not_found"]
    elif status >= 500:
        hint = "Resend had a server error; retrying later may work"
    else:
        hint = "fix the values named in the message"
    shown = f"{name}: {message}" if name else message
    return UpstreamError(f"Resend API error {status} on {method} {path}: {shown} ({hint})",
                         status=status, retry_after=retry_after, body=response.text[:500])


async def api(ctx, method, path, **kw):
    response = await ctx.http.request(method, path, raise_for_status=False, **kw)
    if response.status_code >= 400:
        raise resend_error(method, path, response)
    return response.json() if response.content else {}


def seg(value):
    return quote(str(value).strip(), safe="")


async def page(ctx, path, *, limit, cursor):
    """Up to `limit` records of a Resend list from `cursor` (the ID of the last record seen) on."""
    records, after = [], cursor or None
    while len(records) < limit:
        params = {"limit": min(MAX_PAGE, limit - len(records))}
        if after:
            params["after"] = after
        data = await api(ctx, "GET", path, params=params)
        batch = data.get("data") or []
        records.extend(batch)
        after = batch[-1].get("id") if data.get("has_more") and batch else None
        if not after:
            break
    return records, after


def recipients(value):
    return [str(v).strip() for v in value if str(v).strip()] if isinstance(value, (list, tuple)) else str(value or "").strip()


def email_body(message, where="the email"):
    """Resend's send body from an action's message fields, checked before sending."""
    if not message.get("to") or not message.get("from"):
        raise ActionError(f"{where} needs `from` and `to`")
    template = message.get("templateId")
    if not template and not message.get("subject"):
        raise ActionError(f"{where} needs a subject")
    if not template and not message.get("html") and not message.get("text"):
        raise ActionError(f"{where} needs a body: html, text or both (or a published templateId)")
    if template and (message.get("html") or message.get("text")):
        raise ActionError(f"{where} takes html and text, or a templateId, not both")
    if message.get("templateVariables") and not template:
        raise ActionError(f"{where}: templateVariables need a templateId")
    body = {"from": message["from"], "to": recipients(message["to"])}
    for prop, field in (("subject", "subject"), ("html", "html"), ("text", "text"), ("scheduledAt", "scheduled_at")):
        if message.get(prop):
            body[field] = message[prop]
    for prop, field in (("cc", "cc"), ("bcc", "bcc"), ("replyTo", "reply_to")):
        if message.get(prop):
            body[field] = recipients(message[prop])
    if template:
        body["template"] = {"id": template}
        if message.get("templateVariables"):
            body["template"]["variables"] = message["templateVariables"]
    if message.get("tags"):
        if not isinstance(message["tags"], dict):
            raise ActionError(f"{where}: tags must be an object of names to values, e.g. {{\"category\": \"welcome\"}}")
        body["tags"] = [{"name": str(k), "value": str(v)} for k, v in message["tags"].items()]
    if message.get("headers"):
        if not isinstance(message["headers"], dict):
            raise ActionError(f"{where}: headers must be an object of names to values, e.g. {{\"X-Entity-Ref-ID\": \"123\"}}")
        body["headers"] = {str(k): str(v) for k, v in message["headers"].items()}
    return body


def idempotency(ctx):
    key = ctx.props.get("idempotencyKey")
    return {"Idempotency-Key": key.strip()} if key and key.strip() else {}


# Summaries


def email_summary(email):
    return {k: email.get(k) for k in ("id", "from", "to", "subject", "last_event", "created_at", "scheduled_at", "cc",
                                       "bcc", "reply_to")}


def domain_summary(domain):
    return {k: domain.get(k) for k in ("id", "name", "status", "region", "created_at", "capabilities")}


# Shared props and their choices


async def _domain_options(ctx):
    params = {"limit": MAX_PAGE}
    if ctx.prev_context.get("after"):
        params["after"] = ctx.prev_context["after"]
    data = await api(ctx, "GET", "/domains", params=params)
    domains = data.get("data") or []
    options = [Option(label=f"{d.get('name')} ({d.get('status')})", value=d["id"]) for d in domains]
    more = data.get("has_more") and domains
    return OptionsPage(options=options, context={"after": domains[-1]["id"]} if more else None)


async def _segment_options(ctx):
    params = {"limit": MAX_PAGE}
    if ctx.prev_context.get("after"):
        params["after"] = ctx.prev_context["after"]
    data = await api(ctx, "GET", "/segments", params=params)
    segments = data.get("data") or []
    options = [Option(label=s.get("name") or s["id"], value=s["id"]) for s in segments]
    more = data.get("has_more") and segments
    return OptionsPage(options=options, context={"after": segments[-1]["id"]} if more else None)


app.define(
    "domainId",
    props.string(
        "Domain",
        "The domain's ID, e.g. `d91cd9bd-1176-453e-8fc1-35364d380206`, from resend-list-domains (its `id`).",
        options=_domain_options,
    ),
)

app.define(
    "emailId",
    props.string(
        "Email ID",
        "The email's ID, e.g. `49a3999c-0ce1-4ea6-ab68-afcd6dc2e794`, returned by resend-send-email or "
        "resend-send-batch-emails.",
    ),
)

app.define(
    "segments",
    props.string_list(
        "Segments", "IDs of the segments to add the contact to, from the Segments page in Resend.",
        options=_segment_options, optional=True,
    ),
)

app.define(
    "idempotencyKey",
    props.string(
        "Idempotency Key",
        "A unique key for this send, e.g. `welcome-user-123`: a retry with the same key within 24 hours sends nothing "
        "twice.",
        optional=True,
    ),
)
