"""Square: the seller's locations, customers, payments, refunds, orders, invoices and catalog."""

import uuid
from urllib.parse import quote

from mcp_gateway.catalog import ActionError, App, Identity, OAuth, Option, OptionsPage, UpstreamError, props, retry_after_seconds

API = "https://connect.squareup.com"
# Square dates its API releases; every request names the one these actions were written for.
SQUARE_VERSION = "2025-10-16"

SCOPES = [
    "MERCHANT_PROFILE_READ",
    "CUSTOMERS_READ",
    "CUSTOMERS_WRITE",
    "PAYMENTS_READ",
    "PAYMENTS_WRITE",
    "ORDERS_READ",
    "ORDERS_WRITE",
    "INVOICES_READ",
    "ITEMS_READ",
]

MONEY_NOTE = (
    "in the currency's smallest unit: cents for USD, so `1250` is $12.50 (JPY has no smaller unit: `1250` is ¥1250)"
)


def _headers(auth):
    headers = {"Square-Version": SQUARE_VERSION, "Accept": "application/json"}
    if auth.get("oauth_access_token"):
        headers["Authorization"] = f"Bearer {auth['oauth_access_token']}"
    return headers


async def _account_test(ctx):
    """The seller the token acts for (`GET /v2/merchants/me`)."""
    merchant = (await api(ctx, "GET", "/v2/merchants/me")).get("merchant") or {}
    return Identity(name=merchant.get("business_name"), external_id=merchant.get("id"))


app = App(
    "square",
    "Square",
    "Work with a Square seller's account: locations, customer profiles, card and cash payments and their refunds, "
    "orders, invoices and catalog items.",
    auth=OAuth(
        authorize_url=f"{API}/oauth2/authorize",
        token_url=f"{API}/oauth2/token",
        scopes=SCOPES,
        # Square's ObtainToken takes the code and client credentials as a JSON body.
        token_body="json",
    ),
    categories=["Payment Processing", "Commerce"],
    featured_weight=60,
    base_url=API,
    allowed_domains=["connect.squareup.com"],
    auth_headers=_headers,
    test=_account_test,
)


# Errors: Square answers `{"errors": [{"category", "code", "detail", "field"}]}`.

_CODE_HINTS = {
    "UNAUTHORIZED": "Square rejected the access token; the user should reconnect Square",
    "ACCESS_TOKEN_EXPIRED": "the Square access token expired; the user should reconnect Square",
    "ACCESS_TOKEN_REVOKED": "the seller revoked this app's access; the user should reconnect Square",
    "INSUFFICIENT_SCOPES": "the connection lacks a permission this needs; reconnect Square and approve all it asks for",
    "NOT_FOUND": "nothing has that ID in this Square account; look it up with the list and search actions",
    "INVALID_LOCATION": "that location ID is not one of this seller's; square-list-locations lists them",
    "INVALID_CURSOR": "the cursor is stale or from another query; start again without a cursor",
    "INVALID_EMAIL_ADDRESS": "the email address is not valid",
    "INVALID_PHONE_NUMBER": "the phone number is not valid; write it with its country code, e.g. `+14155550123`",
    "IDEMPOTENCY_KEY_REUSED": "that idempotency key was used for a different request; pass a new key, or none",
    "PAYMENT_NOT_REFUNDABLE": "this payment cannot be refunded (not completed, too old, or already fully refunded)",
    "REFUND_AMOUNT_INVALID": "the refund is more than what is left to refund on the payment",
    "REFUND_ALREADY_PENDING": "a refund of this payment is still pending; wait for it to finish",
    "CURRENCY_MISMATCH": "the currency must be the payment's own currency",
    "MISSING_REQUIRED_PARAMETER": "a required value is missing; the message names it",
    "INVALID_VALUE": "a value is not what Square accepts; the message names the field",
}


def square_error(method, path, response):
    status = response.status_code
    try:
        data = response.json()
    except ValueError:
        data = {}
    errors = [e for e in (data.get("errors") if isinstance(data, dict) else None) or [] if isinstance(e, dict)]
    parts, codes = [], []
    for error in errors[:5]:
        codes.append(error.get("code"))
        text = ": ".join(str(p) for p in (error.get("code"), error.get("detail")) if p)
        parts.append(f"{text} (field {error['field']})" if error.get("field") else text)
    detail = "; ".join(p for p in parts if p) or response.text[:300] or response.reason_phrase
    retry_after = retry_after_seconds(response)
    hint = next((_CODE_HINTS[c] for c in codes if c in _CODE_HINTS), None)
    if status == 429 or "RATE_LIMITED" in codes:
        hint = f"rate limited by Square; {'retry after %g s' % retry_after if retry_after is not None else 'retry in a few seconds'}"
    elif hint is None:
        if status == 401:
            hint = _CODE_HINTS["UNAUTHORIZED"]
        elif status == 403:
            hint = _CODE_HINTS["INSUFFICIENT_SCOPES"]
        elif status == 404:
            hint = _CODE_HINTS["NOT_FOUND"]
        elif status >= 500:
            hint = "Square had a server error; retrying later may work"
        else:
            hint = "fix the values named in the message"
    return UpstreamError(f"Square API error {status} on {method} {path}: {detail} ({hint})",
                         status=status, retry_after=retry_after, body=response.text[:500])


async def api(ctx, method, path, **kw):
    response = await ctx.http.request(method, path, raise_for_status=False, **kw)
    if response.status_code >= 400:
        raise square_error(method, path, response)
    return response.json() if response.content else {}


def seg(value):
    text = str(value or "").strip()
    if not text:
        raise ActionError("an ID is empty; pass the ID the list or search action returned")
    return quote(text, safe="")


def idempotency_key(ctx):
    """The caller's key, so a retried call is not done twice; a fresh one otherwise."""
    return str(ctx.props.get("idempotencyKey") or "").strip() or str(uuid.uuid4())


def money(amount, currency):
    if not isinstance(amount, int) or isinstance(amount, bool):
        raise ActionError(f"amount {amount!r} must be a whole number {MONEY_NOTE}")
    code = str(currency or "").strip().upper()
    if len(code) != 3 or not code.isalpha():
        raise ActionError(f"currency {currency!r} must be a three-letter ISO 4217 code such as `USD`")
    return {"amount": amount, "currency": code}


async def collect(ctx, method, path, key, *, limit, cursor, page_max=100, params=None, body=None):
    """Up to `limit` records of a Square list or search, following Square's cursors, and the
    cursor of the records after them."""
    records, following = [], cursor or None
    while len(records) < limit:
        size = min(page_max, limit - len(records))
        if method == "GET":
            query = {**(params or {}), "limit": size, **({"cursor": following} if following else {})}
            page = await api(ctx, "GET", path, params=query)
        else:
            payload = {**(body or {}), "limit": size, **({"cursor": following} if following else {})}
            page = await api(ctx, method, path, json=payload)
        records.extend(page.get(key) or [])
        following = page.get("cursor")
        if not following:
            break
    return records[:limit], following


# Summaries


def _money(value):
    return {"amount": value.get("amount"), "currency": value.get("currency")} if isinstance(value, dict) else None


def location_summary(location):
    return {
        "id": location.get("id"),
        "name": location.get("name"),
        "business_name": location.get("business_name"),
        "status": location.get("status"),
        "type": location.get("type"),
        "currency": location.get("currency"),
        "country": location.get("country"),
        "timezone": location.get("timezone"),
        "address": location.get("address"),
    }


def customer_summary(customer):
    return {
        "id": customer.get("id"),
        "given_name": customer.get("given_name"),
        "family_name": customer.get("family_name"),
        "company_name": customer.get("company_name"),
        "email_address": customer.get("email_address"),
        "phone_number": customer.get("phone_number"),
        "reference_id": customer.get("reference_id"),
        "note": customer.get("note"),
        "version": customer.get("version"),
        "created_at": customer.get("created_at"),
        "updated_at": customer.get("updated_at"),
    }


def payment_summary(payment):
    card = (payment.get("card_details") or {}).get("card") or {}
    return {
        "id": payment.get("id"),
        "status": payment.get("status"),
        "amount_money": _money(payment.get("amount_money")),
        "total_money": _money(payment.get("total_money")),
        "refunded_money": _money(payment.get("refunded_money")),
        "source_type": payment.get("source_type"),
        "card": {"brand": card.get("card_brand"), "last_4": card.get("last_4")} if card else None,
        "location_id": payment.get("location_id"),
        "order_id": payment.get("order_id"),
        "customer_id": payment.get("customer_id"),
        "receipt_url": payment.get("receipt_url"),
        "note": payment.get("note"),
        "refund_ids": payment.get("refund_ids"),
        "created_at": payment.get("created_at"),
    }


def refund_summary(refund):
    return {
        "id": refund.get("id"),
        "status": refund.get("status"),
        "amount_money": _money(refund.get("amount_money")),
        "payment_id": refund.get("payment_id"),
        "order_id": refund.get("order_id"),
        "location_id": refund.get("location_id"),
        "reason": refund.get("reason"),
        "created_at": refund.get("created_at"),
    }


def order_summary(order):
    return {
        "id": order.get("id"),
        "state": order.get("state"),
        "location_id": order.get("location_id"),
        "customer_id": order.get("customer_id"),
        "reference_id": order.get("reference_id"),
        "line_items": [
            {"name": li.get("name"), "quantity": li.get("quantity"), "catalog_object_id": li.get("catalog_object_id"),
             "base_price_money": _money(li.get("base_price_money")), "total_money": _money(li.get("total_money"))}
            for li in order.get("line_items") or []
        ],
        "total_money": _money(order.get("total_money")),
        "total_tax_money": _money(order.get("total_tax_money")),
        "total_discount_money": _money(order.get("total_discount_money")),
        "tender_payment_ids": [t.get("payment_id") or t.get("id") for t in order.get("tenders") or []],
        "version": order.get("version"),
        "created_at": order.get("created_at"),
        "closed_at": order.get("closed_at"),
    }


def invoice_summary(invoice):
    recipient = invoice.get("primary_recipient") or {}
    return {
        "id": invoice.get("id"),
        "invoice_number": invoice.get("invoice_number"),
        "title": invoice.get("title"),
        "status": invoice.get("status"),
        "order_id": invoice.get("order_id"),
        "location_id": invoice.get("location_id"),
        "customer_id": recipient.get("customer_id"),
        "recipient_email": recipient.get("email_address"),
        "payment_requests": [
            {"request_type": r.get("request_type"), "due_date": r.get("due_date"),
             "computed_amount_money": _money(r.get("computed_amount_money")),
             "total_completed_amount_money": _money(r.get("total_completed_amount_money"))}
            for r in invoice.get("payment_requests") or []
        ],
        "public_url": invoice.get("public_url"),
        "created_at": invoice.get("created_at"),
        "updated_at": invoice.get("updated_at"),
    }


def item_summary(obj):
    data = obj.get("item_data") or {}
    return {
        "id": obj.get("id"),
        "name": data.get("name"),
        "description": data.get("description"),
        "variations": [
            {"id": v.get("id"), "name": (v.get("item_variation_data") or {}).get("name"),
             "sku": (v.get("item_variation_data") or {}).get("sku"),
             "price_money": _money((v.get("item_variation_data") or {}).get("price_money"))}
            for v in data.get("variations") or []
        ],
        "updated_at": obj.get("updated_at"),
    }


# Shared props


async def _location_options(ctx):
    data = await api(ctx, "GET", "/v2/locations")
    return [Option(label=loc.get("name") or loc["id"], value=loc["id"]) for loc in data.get("locations") or []]


async def _customer_options(ctx):
    query = {"limit": 100}
    if ctx.prev_context.get("cursor"):
        query["cursor"] = ctx.prev_context["cursor"]
    page = await api(ctx, "GET", "/v2/customers", params=query)
    options = []
    for c in page.get("customers") or []:
        name = " ".join(p for p in (c.get("given_name"), c.get("family_name")) if p) or c.get("company_name")
        label = " · ".join(p for p in (name, c.get("email_address")) if p) or c["id"]
        options.append(Option(label=label, value=c["id"]))
    cursor = page.get("cursor")
    return OptionsPage(options=options, context={"cursor": cursor} if cursor else None)


async def _payment_options(ctx):
    query = {"limit": 100, "sort_order": "DESC"}
    if ctx.prev_context.get("cursor"):
        query["cursor"] = ctx.prev_context["cursor"]
    page = await api(ctx, "GET", "/v2/payments", params=query)
    options = []
    for p in page.get("payments") or []:
        money = p.get("amount_money") or {}
        label = " · ".join(str(v) for v in (f"{money.get('amount')} {money.get('currency')}" if money else None,
                                            p.get("status"), (p.get("created_at") or "")[:10] or None) if v)
        options.append(Option(label=label or p["id"], value=p["id"]))
    cursor = page.get("cursor")
    return OptionsPage(options=options, context={"cursor": cursor} if cursor else None)


app.define(
    "locationId",
    props.string(
        "Location",
        "The ID of one of the seller's locations, e.g. `L88917AVBK2S5`, from square-list-locations (Square's Dashboard "
        "shows it under Account & Settings > Locations).",
        options=_location_options,
    ),
)

app.define(
    "customerId",
    props.string(
        "Customer",
        "A customer profile's ID, e.g. `JDKYHBWT1D4F8MFH63DBMEN8Y4`, from square-search-customers or the result of "
        "square-create-customer.",
        options=_customer_options,
    ),
)

app.define(
    "paymentId",
    props.string(
        "Payment",
        "A payment's ID, e.g. `bP9mAsEMYPUGjjGNaNO5ZDVyLhSZY`, from square-list-payments or the tender payment IDs "
        "of an order (square-get-order). The choices are the newest payments, amounts in the smallest currency unit.",
        options=_payment_options,
    ),
)

app.define(
    "currency",
    props.string("Currency", "The three-letter ISO 4217 code of the amount, e.g. `USD`, `EUR`, `GBP`."),
)

app.define(
    "idempotencyKey",
    props.string(
        "Idempotency Key",
        "Any unique string (up to 45 characters) that makes a retry of this same call safe: Square does it once. "
        "Leave empty for a fresh key each call.",
        optional=True,
    ),
)
