"""Stripe: customers, payments, invoices, refunds, products and prices with a secret key.

Requests are form-encoded with Stripe's bracket notation for nested values
(`metadata[order_id]=6735`, `recurring[interval]=month`), pinned to one API version so
response shapes do not change with the account's default version, and every create
carries an `Idempotency-Key` so a retried call cannot charge or create twice.
"""

import json
import uuid
from urllib.parse import urlencode

from mcp_gateway.catalog import App, Identity, KeyField, Keys, Option, OptionsPage, UpstreamError, props, retry_after_seconds

API_VERSION = "2024-06-20"

# Currencies Stripe counts in whole units (an amount of 500 JPY is ¥500, not ¥5).
ZERO_DECIMAL = {
    "bif", "clp", "djf", "gnf", "jpy", "kmf", "krw", "mga", "pyg", "rwf", "ugx", "vnd", "vuv", "xaf", "xof", "xpf",
}
# Currencies Stripe counts in thousandths (an amount of 5000 KWD is 5.000 KWD).
THREE_DECIMAL = {"bhd", "jod", "kwd", "omr", "tnd"}


def _headers(auth):
    headers = {"Stripe-Version": API_VERSION}
    if auth.get("api_key"):
        headers["Authorization"] = f"Bearer {auth['api_key']}"
    return headers


async def _account_test(ctx):
    """The account the key belongs to (`GET /v1/account`)."""
    account = await request(ctx, "GET", "/account")
    profile = account.get("business_profile") or {}
    dashboard = (account.get("settings") or {}).get("dashboard") or {}
    name = profile.get("name") or dashboard.get("display_name") or account.get("email") or account.get("id")
    return Identity(name=name, external_id=account.get("id"))


app = App(
    "stripe",
    "Stripe",
    "Manage a Stripe account with its secret key: customers, payment intents, invoices, refunds, products and prices.",
    auth=Keys(
        [
            KeyField(
                "api_key",
                "Secret Key",
                "A secret key (`sk_live_...` or `sk_test_...`) or restricted key (`rk_...`) from the Stripe "
                "Dashboard under Developers > API keys. Test-mode keys work on test data only.",
            )
        ]
    ),
    categories=["Payment Processing", "Commerce"],
    featured_weight=90,
    base_url="https://api.stripe.com/v1",
    allowed_domains=["api.stripe.com"],
    auth_headers=_headers,
    test=_account_test,
)


# Requests and errors


def encode(values, prefix=None):
    """Flatten values into Stripe's form fields: dicts as `key[sub]`, lists as `key[0]`."""
    pairs = []

    def add(key, value):
        if value is None:
            return
        if isinstance(value, bool):
            pairs.append((key, "true" if value else "false"))
        elif isinstance(value, dict):
            for sub, item in value.items():
                add(f"{key}[{sub}]", item)
        elif isinstance(value, (list, tuple)):
            for index, item in enumerate(value):
                add(f"{key}[{index}]", item)
        else:
            pairs.append((key, str(value)))

    for key, value in values.items():
        add(f"{prefix}[{key}]" if prefix else key, value)
    return pairs


_HINTS = {
    401: "Stripe rejected the secret key; the user should reconnect the Stripe account with a valid key",
    402: "the payment could not be completed",
    403: "the key lacks permission for this; a restricted key needs this resource enabled in the Dashboard",
    404: "check the ID: it must exist in this Stripe account and in the same mode (test or live) as the key",
    409: "a request with the same idempotency key was already made with other values; use a new key",
}


def stripe_error(method, path, response):
    """An `UpstreamError` from Stripe's error body (`{"error": {"message", "type", "code", "param"}}`)."""
    status = response.status_code
    try:
        body = response.json()
    except ValueError:
        body = {}
    error = body.get("error") if isinstance(body, dict) else None
    error = error if isinstance(error, dict) else {}
    message = error.get("message") or response.text[:300] or response.reason_phrase
    details = []
    for key in ("code", "decline_code", "param"):
        if error.get(key):
            details.append(f"{key}: {error[key]}")
    retry_after = retry_after_seconds(response)
    if status == 429:
        wait = f"retry after {retry_after:g} s" if retry_after is not None else "retry later"
        hint = f"rate limited by Stripe; {wait}"
    elif status >= 500:
        hint = "Stripe had a server error; retrying later may work"
    else:
        hint = _HINTS.get(status, "fix the values named in the message")
    extra = f" [{'; '.join(details)}]" if details else ""
    text = f"Stripe API error {status} on {method} /v1{path}: {message}{extra} ({hint})"
    return UpstreamError(text, status=status, retry_after=retry_after, body=json.dumps(body)[:500] if body else "")


async def request(ctx, method, path, *, params=None, data=None, idempotency_key=None):
    """Call the Stripe API and return the JSON answer; `data` is sent form-encoded."""
    headers = {}
    content = None
    if data is not None:
        content = urlencode(encode(data))
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    if idempotency_key:
        headers["Idempotency-Key"] = idempotency_key
    query = encode(params) if params else None
    response = await ctx.http.request(
        method, path, params=query, content=content, headers=headers, raise_for_status=False
    )
    if response.status_code >= 400:
        raise stripe_error(method, path, response)
    return response.json()


def idempotency_key(ctx):
    return ctx.props.get("idempotencyKey") or str(uuid.uuid4())


def clean(values):
    """Drop unset values (None and empty strings), keep False and 0."""
    return {k: v for k, v in values.items() if v is not None and v != ""}


# Presentation


def money(amount, currency):
    if amount is None or not currency:
        return str(amount)
    if currency.lower() in ZERO_DECIMAL:
        return f"{amount} {currency.upper()}"
    if currency.lower() in THREE_DECIMAL:
        return f"{amount / 1000:.3f} {currency.upper()}"
    return f"{amount / 100:.2f} {currency.upper()}"


def customer_summary(customer):
    return {
        "id": customer.get("id"),
        "name": customer.get("name"),
        "email": customer.get("email"),
        "phone": customer.get("phone"),
        "description": customer.get("description"),
        "currency": customer.get("currency"),
        "balance": customer.get("balance"),
        "delinquent": customer.get("delinquent"),
        "metadata": customer.get("metadata") or {},
        "created": customer.get("created"),
        "livemode": customer.get("livemode"),
    }


def payment_intent_summary(intent):
    return {
        "id": intent.get("id"),
        "status": intent.get("status"),
        "amount": intent.get("amount"),
        "amount_received": intent.get("amount_received"),
        "currency": intent.get("currency"),
        "customer": intent.get("customer"),
        "description": intent.get("description"),
        "receipt_email": intent.get("receipt_email"),
        "payment_method": intent.get("payment_method"),
        "payment_method_types": intent.get("payment_method_types"),
        "latest_charge": intent.get("latest_charge"),
        "client_secret": intent.get("client_secret"),
        "next_action": (intent.get("next_action") or {}).get("type"),
        "last_payment_error": (intent.get("last_payment_error") or {}).get("message"),
        "metadata": intent.get("metadata") or {},
        "created": intent.get("created"),
    }


def invoice_summary(invoice):
    return {
        "id": invoice.get("id"),
        "number": invoice.get("number"),
        "status": invoice.get("status"),
        "customer": invoice.get("customer"),
        "customer_email": invoice.get("customer_email"),
        "collection_method": invoice.get("collection_method"),
        "currency": invoice.get("currency"),
        "amount_due": invoice.get("amount_due"),
        "amount_paid": invoice.get("amount_paid"),
        "total": invoice.get("total"),
        "due_date": invoice.get("due_date"),
        "hosted_invoice_url": invoice.get("hosted_invoice_url"),
        "invoice_pdf": invoice.get("invoice_pdf"),
        "payment_intent": invoice.get("payment_intent"),
        "description": invoice.get("description"),
        "lines": [
            {"description": line.get("description"), "amount": line.get("amount"), "quantity": line.get("quantity")}
            for line in ((invoice.get("lines") or {}).get("data") or [])
        ],
        "metadata": invoice.get("metadata") or {},
    }


def price_summary(price):
    recurring = price.get("recurring") or None
    product = price.get("product")
    return {
        "id": price.get("id"),
        "product": product.get("id") if isinstance(product, dict) else product,
        "nickname": price.get("nickname"),
        "unit_amount": price.get("unit_amount"),
        "currency": price.get("currency"),
        "type": price.get("type"),
        "recurring": {"interval": recurring.get("interval"), "interval_count": recurring.get("interval_count")}
        if recurring
        else None,
        "active": price.get("active"),
        "lookup_key": price.get("lookup_key"),
    }


def price_label(price):
    product = price.get("product")
    name = product.get("name") if isinstance(product, dict) else product
    amount = money(price.get("unit_amount"), price.get("currency")) if price.get("unit_amount") is not None else "custom amount"
    recurring = price.get("recurring")
    every = f" / {recurring.get('interval')}" if recurring else ""
    nickname = f" {price['nickname']}" if price.get("nickname") else ""
    return f"{name}{nickname}: {amount}{every} ({price.get('id')})"


# Remote options


async def _list_options(ctx, path, params, to_option):
    after = ctx.prev_context.get("starting_after")
    if ctx.page > 0 and not after:
        return []  # the previous page was the last one
    query = {**params, "limit": 100}
    if after:
        query["starting_after"] = after
    data = await request(ctx, "GET", path, params=query)
    items = data.get("data") or []
    options = [to_option(item) for item in items]
    context = {"starting_after": items[-1]["id"]} if data.get("has_more") and items else None
    return OptionsPage(options=options, context=context)


def _customer_label(customer):
    name, email = customer.get("name"), customer.get("email")
    who = f"{name} <{email}>" if name and email else name or email or "(no name)"
    return f"{who} ({customer.get('id')})"


async def customer_options(ctx):
    return await _list_options(ctx, "/customers", {}, lambda c: Option(label=_customer_label(c), value=c["id"]))


async def price_options(ctx):
    return await _list_options(
        ctx, "/prices", {"active": True, "expand": ["data.product"]}, lambda p: Option(label=price_label(p), value=p["id"])
    )


async def product_options(ctx):
    return await _list_options(
        ctx, "/products", {"active": True}, lambda p: Option(label=f"{p.get('name')} ({p.get('id')})", value=p["id"])
    )


# Shared props

app.define(
    "customer",
    props.string(
        "Customer",
        "The Stripe customer ID, e.g. `cus_NffrFeUfNV2Hib`. The choices list the account's customers; "
        "stripe-search-customers finds one by email or name.",
        options=customer_options,
    ),
)

app.define(
    "price",
    props.string(
        "Price",
        "The Stripe price ID, e.g. `price_1MoBy5LkdIwHu7ixZhnattbh`. The choices list active prices with their "
        "product and amount.",
        options=price_options,
    ),
)

app.define(
    "product",
    props.string(
        "Product",
        "The Stripe product ID, e.g. `prod_NWjs8kKbJWmuuc`. The choices list active products.",
        options=product_options,
    ),
)

app.define(
    "currency",
    props.string(
        "Currency",
        "Three-letter ISO currency code in lowercase, e.g. `usd`, `eur`, `gbp`. Must be a currency the account supports.",
    ),
)

app.define(
    "metadata",
    props.obj(
        "Metadata",
        "Key-value pairs to store on the object, e.g. `{\"order_id\": \"6735\"}`. Up to 50 keys; keys up to 40 "
        "characters and without square brackets, values up to 500 characters. On updates, an empty string "
        "value removes that key.",
        optional=True,
        json_schema={"additionalProperties": {"type": "string"}},
    ),
)

app.define(
    "idempotencyKey",
    props.string(
        "Idempotency Key",
        "A unique string (up to 255 characters) that makes retrying this create safe: Stripe returns the first "
        "result for a repeated key instead of creating a second object. Leave empty to use a fresh random key.",
        optional=True,
    ),
)

app.define(
    "limit",
    props.integer("Limit", "How many objects to return, 1 to 100.", min=1, max=100, default=10),
)

app.define(
    "invoice",
    props.string(
        "Invoice ID",
        "The invoice's ID, e.g. `in_1MtHbELkdIwHu7ixl4OzzPMv`, as returned by stripe-create-invoice.",
    ),
)
