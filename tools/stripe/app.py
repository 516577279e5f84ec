"""Stripe: customers, payments, invoices, subscriptions, the catalog, payouts and disputes with a secret key.

Requests are form-encoded with Stripe's bracket notation for nested values
(`metadata[order_id]=6735`, `recurring[interval]=month`), pinned to one API version so
response shapes do not change with the account's default version, and every create
carries an `Idempotency-Key` so a retried call cannot charge or create twice.
"""

import json
import uuid
from urllib.parse import urlencode

from mcp_gateway.catalog import ActionError, App, Identity, KeyField, Keys, Option, OptionsPage, UpstreamError, props, retry_after_seconds

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
    "Manage a Stripe account with its secret key: customers, payments and their charges, refunds, invoices, "
    "subscriptions, products, prices and coupons, payment links and checkout pages, the balance, payouts and disputes.",
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
    if data:
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


def _id(value):
    """The ID of a field Stripe returns either as an ID or, when expanded, as the object."""
    return value.get("id") if isinstance(value, dict) else value


def customer_summary(customer):
    if customer.get("deleted"):
        return {"id": customer.get("id"), "deleted": True}
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
        "amount_capturable": intent.get("amount_capturable"),
        "amount_received": intent.get("amount_received"),
        "currency": intent.get("currency"),
        "customer": _id(intent.get("customer")),
        "description": intent.get("description"),
        "receipt_email": intent.get("receipt_email"),
        "payment_method": _id(intent.get("payment_method")),
        "payment_method_types": intent.get("payment_method_types"),
        "capture_method": intent.get("capture_method"),
        "latest_charge": _id(intent.get("latest_charge")),
        "client_secret": intent.get("client_secret"),
        "next_action": (intent.get("next_action") or {}).get("type"),
        "last_payment_error": (intent.get("last_payment_error") or {}).get("message"),
        "cancellation_reason": intent.get("cancellation_reason"),
        "metadata": intent.get("metadata") or {},
        "created": intent.get("created"),
    }


def invoice_summary(invoice):
    return {
        "id": invoice.get("id"),
        "number": invoice.get("number"),
        "status": invoice.get("status"),
        "customer": _id(invoice.get("customer")),
        "customer_email": invoice.get("customer_email"),
        "collection_method": invoice.get("collection_method"),
        "currency": invoice.get("currency"),
        "amount_due": invoice.get("amount_due"),
        "amount_paid": invoice.get("amount_paid"),
        "amount_remaining": invoice.get("amount_remaining"),
        "total": invoice.get("total"),
        "due_date": invoice.get("due_date"),
        "hosted_invoice_url": invoice.get("hosted_invoice_url"),
        "invoice_pdf": invoice.get("invoice_pdf"),
        "payment_intent": _id(invoice.get("payment_intent")),
        "subscription": _id(invoice.get("subscription")),
        "description": invoice.get("description"),
        "lines": [
            {"description": line.get("description"), "amount": line.get("amount"), "quantity": line.get("quantity")}
            for line in ((invoice.get("lines") or {}).get("data") or [])
        ],
        "metadata": invoice.get("metadata") or {},
        "created": invoice.get("created"),
    }


def invoice_item_summary(item):
    return {
        "id": item.get("id"),
        "invoice": _id(item.get("invoice")),
        "customer": _id(item.get("customer")),
        "amount": item.get("amount"),
        "currency": item.get("currency"),
        "description": item.get("description"),
        "quantity": item.get("quantity"),
        "price": _id(item.get("price")),
    }


def charge_summary(charge):
    return {
        "id": charge.get("id"),
        "status": charge.get("status"),
        "amount": charge.get("amount"),
        "amount_captured": charge.get("amount_captured"),
        "amount_refunded": charge.get("amount_refunded"),
        "currency": charge.get("currency"),
        "paid": charge.get("paid"),
        "captured": charge.get("captured"),
        "refunded": charge.get("refunded"),
        "disputed": charge.get("disputed"),
        "customer": _id(charge.get("customer")),
        "payment_intent": _id(charge.get("payment_intent")),
        "payment_method": charge.get("payment_method"),
        "description": charge.get("description"),
        "receipt_url": charge.get("receipt_url"),
        "failure_message": charge.get("failure_message"),
        "metadata": charge.get("metadata") or {},
        "created": charge.get("created"),
    }


def refund_summary(refund):
    return {
        "id": refund.get("id"),
        "status": refund.get("status"),
        "amount": refund.get("amount"),
        "currency": refund.get("currency"),
        "payment_intent": _id(refund.get("payment_intent")),
        "charge": _id(refund.get("charge")),
        "reason": refund.get("reason"),
        "metadata": refund.get("metadata") or {},
        "created": refund.get("created"),
    }


def product_summary(product):
    return {
        "id": product.get("id"),
        "name": product.get("name"),
        "description": product.get("description"),
        "active": product.get("active"),
        "default_price": _id(product.get("default_price")),
        "url": product.get("url"),
        "metadata": product.get("metadata") or {},
        "created": product.get("created"),
    }


def subscription_summary(subscription):
    items = []
    for item in (subscription.get("items") or {}).get("data") or []:
        price = item.get("price") or {}
        recurring = price.get("recurring") or {}
        items.append({
            "id": item.get("id"),
            "price": price.get("id"),
            "product": _id(price.get("product")),
            "unit_amount": price.get("unit_amount"),
            "currency": price.get("currency"),
            "interval": recurring.get("interval"),
            "quantity": item.get("quantity"),
        })
    discount = subscription.get("discount") or {}
    return {
        "id": subscription.get("id"),
        "status": subscription.get("status"),
        "customer": _id(subscription.get("customer")),
        "items": items,
        "collection_method": subscription.get("collection_method"),
        "current_period_start": subscription.get("current_period_start"),
        "current_period_end": subscription.get("current_period_end"),
        "cancel_at_period_end": subscription.get("cancel_at_period_end"),
        "cancel_at": subscription.get("cancel_at"),
        "canceled_at": subscription.get("canceled_at"),
        "trial_end": subscription.get("trial_end"),
        "latest_invoice": _id(subscription.get("latest_invoice")),
        "default_payment_method": _id(subscription.get("default_payment_method")),
        "coupon": ((discount.get("coupon") or {}).get("id")) if discount else None,
        "description": subscription.get("description"),
        "metadata": subscription.get("metadata") or {},
        "created": subscription.get("created"),
    }


def payment_link_summary(link):
    return {
        "id": link.get("id"),
        "url": link.get("url"),
        "active": link.get("active"),
        "currency": link.get("currency"),
        "allow_promotion_codes": link.get("allow_promotion_codes"),
        "metadata": link.get("metadata") or {},
    }


def checkout_session_summary(session):
    return {
        "id": session.get("id"),
        "url": session.get("url"),
        "mode": session.get("mode"),
        "status": session.get("status"),
        "payment_status": session.get("payment_status"),
        "amount_total": session.get("amount_total"),
        "currency": session.get("currency"),
        "customer": _id(session.get("customer")),
        "customer_email": session.get("customer_email"),
        "client_reference_id": session.get("client_reference_id"),
        "payment_intent": _id(session.get("payment_intent")),
        "subscription": _id(session.get("subscription")),
        "success_url": session.get("success_url"),
        "expires_at": session.get("expires_at"),
        "metadata": session.get("metadata") or {},
    }


def balance_transaction_summary(txn):
    return {
        "id": txn.get("id"),
        "type": txn.get("type"),
        "reporting_category": txn.get("reporting_category"),
        "amount": txn.get("amount"),
        "fee": txn.get("fee"),
        "net": txn.get("net"),
        "currency": txn.get("currency"),
        "status": txn.get("status"),
        "description": txn.get("description"),
        "source": _id(txn.get("source")),
        "available_on": txn.get("available_on"),
        "created": txn.get("created"),
    }


def payout_summary(payout):
    return {
        "id": payout.get("id"),
        "status": payout.get("status"),
        "amount": payout.get("amount"),
        "currency": payout.get("currency"),
        "arrival_date": payout.get("arrival_date"),
        "method": payout.get("method"),
        "type": payout.get("type"),
        "automatic": payout.get("automatic"),
        "description": payout.get("description"),
        "destination": _id(payout.get("destination")),
        "failure_message": payout.get("failure_message"),
        "created": payout.get("created"),
    }


def dispute_summary(dispute):
    return {
        "id": dispute.get("id"),
        "status": dispute.get("status"),
        "reason": dispute.get("reason"),
        "amount": dispute.get("amount"),
        "currency": dispute.get("currency"),
        "charge": _id(dispute.get("charge")),
        "payment_intent": _id(dispute.get("payment_intent")),
        "evidence_due_by": (dispute.get("evidence_details") or {}).get("due_by"),
        "is_charge_refundable": dispute.get("is_charge_refundable"),
        "created": dispute.get("created"),
    }


def coupon_summary(coupon):
    return {
        "id": coupon.get("id"),
        "name": coupon.get("name"),
        "percent_off": coupon.get("percent_off"),
        "amount_off": coupon.get("amount_off"),
        "currency": coupon.get("currency"),
        "duration": coupon.get("duration"),
        "duration_in_months": coupon.get("duration_in_months"),
        "max_redemptions": coupon.get("max_redemptions"),
        "times_redeemed": coupon.get("times_redeemed"),
        "redeem_by": coupon.get("redeem_by"),
        "valid": coupon.get("valid"),
        "metadata": coupon.get("metadata") or {},
        "created": coupon.get("created"),
    }


def price_summary(price):
    recurring = price.get("recurring") or None
    product = price.get("product")
    return {
        "id": price.get("id"),
        "product": _id(product),
        "product_name": product.get("name") if isinstance(product, dict) else None,
        "nickname": price.get("nickname"),
        "unit_amount": price.get("unit_amount"),
        "currency": price.get("currency"),
        "type": price.get("type"),
        "recurring": {"interval": recurring.get("interval"), "interval_count": recurring.get("interval_count")}
        if recurring
        else None,
        "active": price.get("active"),
        "lookup_key": price.get("lookup_key"),
        "label": price_label(price),
    }


def price_label(price):
    product = price.get("product")
    name = product.get("name") if isinstance(product, dict) else product
    amount = money(price.get("unit_amount"), price.get("currency")) if price.get("unit_amount") is not None else "custom amount"
    recurring = price.get("recurring")
    every = f" / {recurring.get('interval')}" if recurring else ""
    nickname = f" {price['nickname']}" if price.get("nickname") else ""
    return f"{name}{nickname}: {amount}{every} ({price.get('id')})"


# Lists


async def list_page(ctx, path, params=None):
    """One page of a Stripe list, sized by the `limit` prop and resumed after the `cursor` prop
    (the last ID of the previous page); returns the objects and the next cursor, if any."""
    query = {**(params or {}), "limit": ctx.props.limit}
    if ctx.props.get("cursor"):
        query["starting_after"] = ctx.props.cursor
    data = await request(ctx, "GET", path, params=query)
    items = data.get("data") or []
    return items, items[-1]["id"] if data.get("has_more") and items else None


def listed(count, noun, next_cursor):
    """The summary line of a list action."""
    return f"Listed {count} {noun}{'' if count == 1 else 's'}" + (" (more available)" if next_cursor else "")


def line_items(ctx):
    """`line_items` of a payment link or checkout session: the `price` and `quantity` props, then `moreLineItems`."""
    items = [{"price": ctx.props.price, "quantity": ctx.props.quantity}]
    for n, extra in enumerate(ctx.props.get("moreLineItems") or [], start=2):
        if not isinstance(extra, dict) or not extra.get("price"):
            raise ActionError(f"line item {n} needs a `price`, e.g. {{\"price\": \"price_1MoBy5LkdIwHu7ixZhnattbh\", \"quantity\": 1}}")
        items.append({"price": extra["price"], "quantity": int(extra.get("quantity") or 1)})
    return items


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


def _invoice_label(invoice):
    who = invoice.get("customer_email") or invoice.get("customer_name") or invoice.get("customer")
    number = invoice.get("number") or "draft"
    amount = money(invoice.get("amount_due"), invoice.get("currency"))
    return f"{number} {who}: {amount} ({invoice.get('status')}) ({invoice.get('id')})"


def invoice_options(status=None):
    """Remote options listing invoices, only those of one status when given."""

    async def options(ctx):
        params = {"status": status} if status else {}
        return await _list_options(ctx, "/invoices", params, lambda i: Option(label=_invoice_label(i), value=i["id"]))

    return options


def _payment_intent_label(intent):
    parts = [money(intent.get("amount"), intent.get("currency")), intent.get("description") or intent.get("customer")]
    return f"{' '.join(p for p in parts if p)} ({intent.get('status')}) ({intent.get('id')})"


async def payment_intent_options(ctx):
    return await _list_options(
        ctx, "/payment_intents", {}, lambda i: Option(label=_payment_intent_label(i), value=i["id"])
    )


def _subscription_label(subscription):
    customer = subscription.get("customer")
    who = (customer.get("email") or customer.get("name") or customer.get("id")) if isinstance(customer, dict) else customer
    plans = []
    for item in (subscription.get("items") or {}).get("data") or []:
        price = item.get("price") or {}
        every = f"/{price['recurring'].get('interval')}" if price.get("recurring") else ""
        plans.append(price.get("nickname") or f"{money(price.get('unit_amount'), price.get('currency'))}{every}")
    return f"{who}: {', '.join(plans) or 'no items'} ({subscription.get('status')}) ({subscription.get('id')})"


async def subscription_options(ctx):
    return await _list_options(
        ctx, "/subscriptions", {"expand": ["data.customer"]},
        lambda s: Option(label=_subscription_label(s), value=s["id"]),
    )


def _charge_label(charge):
    parts = [money(charge.get("amount"), charge.get("currency")), charge.get("description") or charge.get("customer")]
    return f"{' '.join(p for p in parts if p)} ({charge.get('status')}) ({charge.get('id')})"


async def charge_options(ctx):
    return await _list_options(ctx, "/charges", {}, lambda c: Option(label=_charge_label(c), value=c["id"]))


async def payout_options(ctx):
    return await _list_options(
        ctx, "/payouts", {},
        lambda p: Option(label=f"{money(p.get('amount'), p.get('currency'))} ({p.get('status')}) ({p.get('id')})", value=p["id"]),
    )


def _coupon_label(coupon):
    off = f"{coupon['percent_off']:g}% off" if coupon.get("percent_off") is not None else (
        f"{money(coupon.get('amount_off'), coupon.get('currency'))} off"
    )
    return f"{coupon.get('name') or coupon.get('id')}: {off}, {coupon.get('duration')} ({coupon.get('id')})"


async def coupon_options(ctx):
    return await _list_options(ctx, "/coupons", {}, lambda c: Option(label=_coupon_label(c), value=c["id"]))


# Shared props

app.define(
    "customer",
    props.string(
        "Customer",
        "The Stripe customer ID, e.g. `cus_NffrFeUfNV2Hib`, as returned by stripe-create-customer, "
        "stripe-list-customers or stripe-search-customers (which finds one by email or name). The choices list "
        "the account's customers.",
        options=customer_options,
    ),
)

app.define(
    "price",
    props.string(
        "Price",
        "The Stripe price ID, e.g. `price_1MoBy5LkdIwHu7ixZhnattbh`, from stripe-list-prices or stripe-create-price. "
        "The choices list active prices with their product and amount.",
        options=price_options,
    ),
)

app.define(
    "product",
    props.string(
        "Product",
        "The Stripe product ID, e.g. `prod_NWjs8kKbJWmuuc`, from stripe-list-products or stripe-create-product. "
        "The choices list active products.",
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
    "invoice",
    props.string(
        "Invoice ID",
        "The invoice's ID, e.g. `in_1MtHbELkdIwHu7ixl4OzzPMv`, as returned by stripe-create-invoice or "
        "stripe-list-invoices. The choices list the account's invoices.",
        options=invoice_options(),
    ),
)

app.define(
    "paymentIntent",
    props.string(
        "Payment Intent ID",
        "The PaymentIntent's ID, e.g. `pi_3MtwBwLkdIwHu7ix28a3tqPa`, as returned by stripe-create-payment-intent or "
        "stripe-list-payment-intents (an invoice's or checkout session's `payment_intent` too). The choices list "
        "recent payment intents.",
        options=payment_intent_options,
    ),
)

app.define(
    "charge",
    props.string(
        "Charge ID",
        "A charge's ID, e.g. `ch_3MmlLrLkdIwHu7ix0snN0B15`, from stripe-list-charges (a payment intent's "
        "`latest_charge` too). The choices list recent charges.",
        options=charge_options,
    ),
)

app.define(
    "subscription",
    props.string(
        "Subscription ID",
        "The subscription's ID, e.g. `sub_1MowQVLkdIwHu7ixeRlqHVzs`, as returned by stripe-create-subscription or "
        "stripe-list-subscriptions. The choices list subscriptions that are not canceled.",
        options=subscription_options,
    ),
)

app.define(
    "coupon",
    props.string(
        "Coupon",
        "A coupon's ID, e.g. `Z4OV52SU` or one you chose like `SUMMER25`, from stripe-create-coupon or "
        "stripe-list-coupons. The choices list the account's coupons.",
        options=coupon_options,
    ),
)

app.define(
    "moreLineItems",
    props.object_list(
        "More Line Items",
        "Further prices sold together with the first, each `{\"price\": \"price_...\", \"quantity\": 1}`, e.g. "
        "`[{\"price\": \"price_1MoBy5LkdIwHu7ixZhnattbi\", \"quantity\": 2}]`. Leave empty for one price.",
        optional=True,
    ),
)
