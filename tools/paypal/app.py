"""PayPal REST APIs: checkout orders, captures and refunds, invoices and transaction search.

The account holds the client ID and secret of the user's own PayPal REST app; the app trades them
for an access token (`POST /v1/oauth2/token`, client credentials), kept until shortly before it
expires.
"""

import base64
import hashlib
import time
import uuid
from collections import OrderedDict
from urllib.parse import quote

from mcp_gateway.catalog import ActionError, App, Identity, KeyField, Keys, Option, OptionsPage, UpstreamError, props, retry_after_seconds

LIVE = "https://api-m.paypal.com"
SANDBOX = "https://api-m.sandbox.paypal.com"

AMOUNT_NOTE = "as a decimal string in the currency's main unit, e.g. `\"10.99\"` for $10.99 (JPY and HUF take no decimals)"

_TOKENS: "OrderedDict[str, tuple[str, float]]" = OrderedDict()
_MAX_REMEMBERED = 1000
# A token is renewed this many seconds before PayPal says it expires.
_EARLY = 300


def host(ctx):
    environment = str(ctx.auth.get("environment") or "live").strip().lower()
    if environment not in ("live", "sandbox"):
        raise ActionError(f"the account's environment {environment!r} must be `live` or `sandbox`; fix the PayPal account")
    return SANDBOX if environment == "sandbox" else LIVE


def _key(ctx):
    raw = f"{host(ctx)}\n{ctx.auth.get('client_id')}\n{ctx.auth.get('client_secret')}"
    return hashlib.sha256(raw.encode()).hexdigest()


async def _fetch_token(ctx):
    client_id, secret = str(ctx.auth.get("client_id") or ""), str(ctx.auth.get("client_secret") or "")
    if not client_id or not secret:
        raise ActionError("the PayPal account lacks its client ID or secret; the user should reconnect PayPal")
    basic = base64.b64encode(f"{client_id}:{secret}".encode()).decode()
    response = await ctx.http.request(
        "POST", f"{host(ctx)}/v1/oauth2/token", data={"grant_type": "client_credentials"},
        headers={"Authorization": f"Basic {basic}", "Accept": "application/json"}, raise_for_status=False,
    )
    if response.status_code >= 400:
        raise paypal_error("POST", "/v1/oauth2/token", response)
    return response.json()


async def access_token(ctx, *, fresh=False):
    key = _key(ctx)
    held = _TOKENS.get(key)
    if held and not fresh and held[1] > time.time():
        return held[0]
    answer = await _fetch_token(ctx)
    token = answer["access_token"]
    _TOKENS[key] = (token, time.time() + float(answer.get("expires_in") or 0) - _EARLY)
    _TOKENS.move_to_end(key)
    while len(_TOKENS) > _MAX_REMEMBERED:
        _TOKENS.popitem(last=False)
    return token


async def _account_test(ctx):
    """A token for the client credentials; PayPal names the REST app it belongs to."""
    answer = await _fetch_token(ctx)
    return Identity(name=f"PayPal app {answer.get('app_id')} ({str(ctx.auth.get('environment') or 'live').lower()})",
                    external_id=answer.get("app_id"))


app = App(
    "paypal",
    "PayPal",
    "Take payments with PayPal checkout orders (create, approve, capture), look up and refund captured payments, "
    "create and send PayPal invoices, and search the account's transactions.",
    auth=Keys([
        KeyField("client_id", "Client ID", "The Client ID of your PayPal REST app: developer.paypal.com > Apps & "
                 "Credentials, then the app.", secret=False),
        KeyField("client_secret", "Secret", "The app's Secret, on the same page as its Client ID."),
        KeyField("environment", "Environment", "`live` for real money (the default), or `sandbox` for a sandbox app's "
                 "credentials.", secret=False, optional=True, default="live"),
    ]),
    categories=["Payment Processing"],
    featured_weight=60,
    base_url=LIVE,
    allowed_domains=["api-m.paypal.com", "api-m.sandbox.paypal.com"],
    test=_account_test,
)


# Errors: PayPal answers `{"name", "message", "debug_id", "details": [{"field", "issue", "description"}]}`
# and, from the token endpoint, `{"error", "error_description"}`.

_HINTS = {
    "invalid_client": "PayPal rejected the client ID or secret (or they belong to the other environment, live or "
                      "sandbox); the user should fix the PayPal account",
    "AUTHENTICATION_FAILURE": "PayPal rejected the credentials; the user should fix the PayPal account",
    "NOT_AUTHORIZED": "the PayPal app lacks the permission for this; enable the feature for the app on "
                      "developer.paypal.com (Apps & Credentials, then the app's features)",
    "PERMISSION_DENIED": "the PayPal account may not act on this resource",
    "INVALID_RESOURCE_ID": "nothing has that ID in this PayPal account; check the ID (and live vs. sandbox)",
    "RESOURCE_NOT_FOUND": "nothing has that ID in this PayPal account; check the ID (and live vs. sandbox)",
    "ORDER_NOT_APPROVED": "the buyer has not approved the order yet; send them to its approve link first",
    "ORDER_ALREADY_CAPTURED": "the order was captured already; read it with paypal-get-order for its capture ID",
    "CAPTURE_FULLY_REFUNDED": "the capture was refunded in full already",
    "REFUND_AMOUNT_EXCEEDED": "the refund is more than what is left of the capture",
    "DUPLICATE_INVOICE_NUMBER": "another invoice already has that number; use another, or leave it empty",
    "INVALID_REQUEST": "a value is not valid; the details name the field",
    "UNPROCESSABLE_ENTITY": "PayPal refused the request as it stands; the details say why",
}


def paypal_error(method, path, response):
    status = response.status_code
    try:
        data = response.json()
    except ValueError:
        data = {}
    data = data if isinstance(data, dict) else {}
    details = [d for d in data.get("details") or [] if isinstance(d, dict)]
    names = [data.get("name"), data.get("error"), *(d.get("issue") for d in details)]
    parts = [": ".join(str(p) for p in (data.get("name") or data.get("error"), data.get("message") or
                                          data.get("error_description")) if p)]
    for d in details[:5]:
        text = ": ".join(str(p) for p in (d.get("issue"), d.get("description")) if p)
        parts.append(f"{text} (field {d['field']})" if d.get("field") else text)
    detail = "; ".join(p for p in parts if p) or response.text[:300] or response.reason_phrase
    if data.get("debug_id"):
        detail += f" [debug_id {data['debug_id']}]"
    retry_after = retry_after_seconds(response)
    hint = next((_HINTS[n] for n in reversed(names) if n in _HINTS), None)
    if status == 429 or "RATE_LIMIT_REACHED" in names:
        hint = f"rate limited by PayPal; {'retry after %g s' % retry_after if retry_after is not None else 'retry in a minute'}"
    elif hint is None:
        if status == 401:
            hint = _HINTS["AUTHENTICATION_FAILURE"]
        elif status == 403:
            hint = _HINTS["NOT_AUTHORIZED"]
        elif status == 404:
            hint = _HINTS["RESOURCE_NOT_FOUND"]
        elif status >= 500:
            hint = "PayPal had a server error; retrying later may work"
        else:
            hint = "fix the values named in the message"
    return UpstreamError(f"PayPal API error {status} on {method} {path}: {detail} ({hint})",
                         status=status, retry_after=retry_after, body=response.text[:500])


async def api(ctx, method, path, *, headers=None, **kw):
    """A PayPal REST call with the app's own token (renewed once if PayPal turns it down)."""
    url = f"{host(ctx)}{path}"
    response = None
    for fresh in (False, True):
        token = await access_token(ctx, fresh=fresh)
        sent = {"Authorization": f"Bearer {token}", "Accept": "application/json", **(headers or {})}
        response = await ctx.http.request(method, url, headers=sent, raise_for_status=False, **kw)
        if response.status_code != 401:
            break
    if response.status_code >= 400:
        raise paypal_error(method, path, response)
    return response.json() if response.content else {}


def seg(value, what):
    text = str(value or "").strip()
    if not text:
        raise ActionError(f"the {what} is empty")
    return quote(text, safe="")


def request_id(ctx):
    """PayPal-Request-Id: the caller's key makes a retry safe; otherwise each call is new."""
    return str(ctx.props.get("requestId") or "").strip() or str(uuid.uuid4())


def money(value, currency, what="amount"):
    text = str(value if value is not None else "").strip()
    try:
        number = float(text)
    except ValueError:
        raise ActionError(f"{what} {value!r} must be {AMOUNT_NOTE}") from None
    if number <= 0:
        raise ActionError(f"{what} must be more than zero")
    code = str(currency or "").strip().upper()
    if len(code) != 3 or not code.isalpha():
        raise ActionError(f"currency {currency!r} must be a three-letter ISO 4217 code such as `USD`")
    return {"currency_code": code, "value": text}


def page_number(cursor):
    if not cursor:
        return 1
    try:
        return max(1, int(cursor))
    except ValueError:
        raise ActionError(f"cursor {cursor!r} is not one this action returned; pass a `next_cursor` unchanged") from None


def link(resource, rel):
    return next((l.get("href") for l in resource.get("links") or [] if l.get("rel") == rel), None)


# Summaries


def captures_of(order):
    return [c for unit in order.get("purchase_units") or [] for c in ((unit.get("payments") or {}).get("captures") or [])]


def order_summary(order):
    payer = order.get("payer") or {}
    name = payer.get("name") or {}
    return {
        "id": order.get("id"),
        "status": order.get("status"),
        "intent": order.get("intent"),
        "approve_url": link(order, "approve") or link(order, "payer-action"),
        "purchase_units": [
            {"reference_id": u.get("reference_id"), "amount": u.get("amount"), "description": u.get("description"),
             "invoice_id": u.get("invoice_id"), "custom_id": u.get("custom_id")}
            for u in order.get("purchase_units") or []
        ],
        "payer": {"email": payer.get("email_address"), "payer_id": payer.get("payer_id"),
                  "name": " ".join(p for p in (name.get("given_name"), name.get("surname")) if p) or None} if payer else None,
        "captures": [capture_summary(c) for c in captures_of(order)],
        "create_time": order.get("create_time"),
    }


def capture_summary(capture):
    breakdown = capture.get("seller_receivable_breakdown") or {}
    return {
        "id": capture.get("id"),
        "status": capture.get("status"),
        "amount": capture.get("amount"),
        "paypal_fee": breakdown.get("paypal_fee"),
        "net_amount": breakdown.get("net_amount"),
        "invoice_id": capture.get("invoice_id"),
        "custom_id": capture.get("custom_id"),
        "final_capture": capture.get("final_capture"),
        "create_time": capture.get("create_time"),
        "update_time": capture.get("update_time"),
    }


def invoice_summary(invoice):
    detail = invoice.get("detail") or {}
    recipients = [((r.get("billing_info") or {}).get("email_address")) for r in invoice.get("primary_recipients") or []]
    return {
        "id": invoice.get("id"),
        "status": invoice.get("status"),
        "invoice_number": detail.get("invoice_number"),
        "invoice_date": detail.get("invoice_date"),
        "due_date": (detail.get("payment_term") or {}).get("due_date"),
        "currency_code": detail.get("currency_code"),
        "amount": invoice.get("amount"),
        "due_amount": invoice.get("due_amount"),
        "recipients": [r for r in recipients if r],
        "payer_view_url": (detail.get("metadata") or {}).get("recipient_view_url"),
    }


# Shared props


async def _invoice_options(ctx):
    page = int(ctx.prev_context.get("page") or 1)
    data = await api(ctx, "GET", "/v2/invoicing/invoices", params={"page": page, "page_size": 100, "total_required": "true"})
    options = []
    for invoice in data.get("items") or []:
        summary = invoice_summary(invoice)
        amount = summary["amount"] or {}
        label = " · ".join(str(p) for p in (f"#{summary['invoice_number']}" if summary["invoice_number"] else None,
                                            ", ".join(summary["recipients"]) or None,
                                            f"{amount.get('value')} {amount.get('currency_code')}" if amount else None,
                                            summary["status"]) if p)
        options.append(Option(label=label or invoice["id"], value=invoice["id"]))
    more = page < int(data.get("total_pages") or 0)
    return OptionsPage(options=options, context={"page": page + 1} if more else None)


app.define(
    "currency",
    props.string("Currency", "The three-letter ISO 4217 code, e.g. `USD`, `EUR`, `GBP`."),
)

app.define(
    "requestId",
    props.string(
        "Request ID",
        "Any unique string that makes a retry of this same call safe (PayPal-Request-Id): PayPal does it once and "
        "answers the retry with the first result. Leave empty for a new request each call.",
        optional=True,
    ),
)

app.define(
    "orderId",
    props.string(
        "Order ID",
        "The checkout order's ID, e.g. `5O190127TN364715T`, from paypal-create-order (or the `token` query parameter "
        "of the return URL after the buyer approved).",
    ),
)

app.define(
    "captureId",
    props.string(
        "Capture ID",
        "The captured payment's ID, e.g. `3C679366HH908993F`, from paypal-capture-order (its `captures`), "
        "paypal-get-order, or the transaction ID in paypal-search-transactions.",
    ),
)

app.define(
    "invoiceId",
    props.string(
        "Invoice ID",
        "The PayPal invoice's ID, e.g. `INV2-Z56S-5LLA-Q52L-CPZ5`, from paypal-list-invoices or "
        "paypal-create-draft-invoice.",
        options=_invoice_options,
    ),
)
