"""Chargebee (API v2): customers, subscriptions, invoices and item prices of one Chargebee site."""

import base64
import re

from mcp_gateway.catalog import ActionError, App, Identity, KeyField, Keys, Option, OptionsPage, UpstreamError, props, retry_after_seconds, status_hint

# Chargebee lists return at most 100 records a call.
MAX_PAGE = 100

_SITE = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$")


def _headers(auth):
    # Chargebee takes the API key as the Basic user name with an empty password.
    key = auth.get("api_key")
    return {"Authorization": "Basic " + base64.b64encode(f"{key}:".encode()).decode()} if key else {}


def _check_site(auth):
    site = str(auth.get("site") or "")
    if not _SITE.match(site):
        raise ActionError(f"site {site!r} is not a Chargebee site name; enter only the first part of the address, "
                          "e.g. `acme-test` for https://acme-test.chargebee.com")


async def _account_test(ctx):
    """One customer of the site (`GET /customers?limit=1`), which proves the key reaches it."""
    await api(ctx, "GET", "/customers", params={"limit": 1})
    return Identity(name=f"{ctx.auth['site']}.chargebee.com", external_id=None)


app = App(
    "chargebee",
    "Chargebee",
    "Look up and create Chargebee customers, list and cancel their subscriptions, and list invoices and the "
    "item prices (plans, addons, charges) of the connected site.",
    auth=Keys([
        KeyField("api_key", "API Key",
                 "A full-access or read-write API key of the site: in Chargebee, Settings, Configure Chargebee, API Keys."),
    ]),
    custom_fields=[
        KeyField("site", "Site", "The first part of your Chargebee address: `acme-test` for https://acme-test.chargebee.com.",
                 secret=False),
    ],
    categories=["Payments"],
    featured_weight=45,
    base_url="https://{{custom_fields.site}}.chargebee.com/api/v2",
    allowed_domains=["{{custom_fields.site}}.chargebee.com"],
    auth_headers=_headers,
    test=_account_test,
)


# Errors: Chargebee answers `{"message", "type", "api_error_code", "param", "http_status_code"}`.

_CODE_HINTS = {
    "api_authentication_failed": "Chargebee rejected the API key; the user should reconnect Chargebee with a current key",
    "api_authorization_failed": "this API key may not do this; use a full-access or read-write key",
    "resource_not_found": "nothing has that ID on this Chargebee site; find it with chargebee-list-customers or "
                          "chargebee-list-subscriptions",
    "site_not_found": "no Chargebee site has that name; check the site in the connection",
    "duplicate_entry": "a record with that ID already exists on this site; choose another ID",
    "configuration_incompatible": "the site's setup does not allow this (e.g. it uses the other product catalog version)",
}


def chargebee_error(method, path, response):
    try:
        data = response.json()
    except ValueError:
        data = {}
    data = data if isinstance(data, dict) else {}
    message = data.get("message") or response.text[:300] or response.reason_phrase
    code = data.get("api_error_code")
    retry_after = retry_after_seconds(response)
    if response.status_code == 429 or code == "api_request_limit_exceeded":
        hint = f"rate limited by Chargebee; {'retry after %g s' % retry_after if retry_after is not None else 'retry in a minute'}"
    elif _CODE_HINTS.get(code):
        hint = _CODE_HINTS[code]
    elif data.get("param"):
        hint = f"fix the value of `{data['param']}`"
    else:
        hint = status_hint("Chargebee", response.status_code, retry_after, {})
    return UpstreamError(f"Chargebee API error {response.status_code} on {method} {path}: {message} ({hint})",
                         status=response.status_code, retry_after=retry_after, body=response.text[:500])


async def api(ctx, method, path, **kw):
    _check_site(ctx.auth)
    response = await ctx.http.request(method, path, raise_for_status=False, **kw)
    if response.status_code >= 400:
        raise chargebee_error(method, path, response)
    return response.json() if response.content else {}


async def collect(ctx, path, key, *, limit, cursor, params=None):
    """Up to `limit` records of a Chargebee list from `cursor` (Chargebee's `next_offset`) on,
    each as its entry (`{key: {...}, ...}`), and the offset after them."""
    entries, offset = [], cursor or None
    while len(entries) < limit:
        query = {**(params or {}), "limit": min(MAX_PAGE, limit - len(entries))}
        if offset:
            query["offset"] = offset
        page = await api(ctx, "GET", path, params=query)
        entries.extend(page.get("list") or [])
        offset = page.get("next_offset")
        if not offset:
            break
    return {key: entries[:limit], "next_cursor": offset}


def filters(ctx, pairs):
    """Chargebee filters read `field[operator]=value`; each prop here filters with `is`."""
    return {f"{field}[is]": ctx.props[prop] for prop, field in pairs if ctx.props.get(prop)}


def customer_summary(customer):
    return {
        "id": customer.get("id"),
        "first_name": customer.get("first_name"),
        "last_name": customer.get("last_name"),
        "email": customer.get("email"),
        "company": customer.get("company"),
        "phone": customer.get("phone"),
        "auto_collection": customer.get("auto_collection"),
        "created_at": customer.get("created_at"),
        "deleted": customer.get("deleted"),
    }


def subscription_summary(subscription):
    return {
        "id": subscription.get("id"),
        "customer_id": subscription.get("customer_id"),
        "status": subscription.get("status"),
        "items": [{"item_price_id": i.get("item_price_id"), "item_type": i.get("item_type"), "quantity": i.get("quantity"),
                   "unit_price": i.get("unit_price")} for i in subscription.get("subscription_items") or []],
        "currency_code": subscription.get("currency_code"),
        "billing_period": subscription.get("billing_period"),
        "billing_period_unit": subscription.get("billing_period_unit"),
        "current_term_start": subscription.get("current_term_start"),
        "current_term_end": subscription.get("current_term_end"),
        "next_billing_at": subscription.get("next_billing_at"),
        "cancelled_at": subscription.get("cancelled_at"),
        "created_at": subscription.get("created_at"),
    }


def invoice_summary(invoice):
    return {
        "id": invoice.get("id"),
        "customer_id": invoice.get("customer_id"),
        "subscription_id": invoice.get("subscription_id"),
        "status": invoice.get("status"),
        "currency_code": invoice.get("currency_code"),
        "total": invoice.get("total"),
        "amount_paid": invoice.get("amount_paid"),
        "amount_due": invoice.get("amount_due"),
        "date": invoice.get("date"),
        "due_date": invoice.get("due_date"),
        "paid_at": invoice.get("paid_at"),
    }


def item_price_summary(price):
    return {
        "id": price.get("id"),
        "name": price.get("name"),
        "item_id": price.get("item_id"),
        "item_type": price.get("item_type"),
        "status": price.get("status"),
        "pricing_model": price.get("pricing_model"),
        "price": price.get("price"),
        "currency_code": price.get("currency_code"),
        "period": price.get("period"),
        "period_unit": price.get("period_unit"),
    }


def entry(key, summary):
    """Trim for one list entry: Chargebee wraps each record as `{key: record, ...related}`."""
    return lambda found: summary(found.get(key) or {})


async def _options(ctx, path, key, label):
    query = {"limit": MAX_PAGE}
    if ctx.prev_context.get("offset"):
        query["offset"] = ctx.prev_context["offset"]
    page = await api(ctx, "GET", path, params=query)
    options = [Option(label=label(e.get(key) or {}), value=(e.get(key) or {}).get("id")) for e in page.get("list") or []]
    offset = page.get("next_offset")
    return OptionsPage(options=options, context={"offset": offset} if offset else None)


def _customer_label(customer):
    name = " ".join(p for p in (customer.get("first_name"), customer.get("last_name")) if p)
    return " · ".join(p for p in (name or customer.get("company"), customer.get("email")) if p) or customer.get("id")


async def _customer_options(ctx):
    return await _options(ctx, "/customers", "customer", _customer_label)


async def _subscription_options(ctx):
    return await _options(ctx, "/subscriptions", "subscription",
                          lambda s: f"{s.get('id')} ({s.get('status')}, customer {s.get('customer_id')})")


app.define(
    "customerId",
    props.string(
        "Customer",
        "A Chargebee customer ID, e.g. `16CQtCTrgrYwi1n4e`: the `id` from chargebee-list-customers, or the end of the "
        "customer's page address in Chargebee (…/customers/16CQtCTrgrYwi1n4e).",
        options=_customer_options,
    ),
)

app.define(
    "subscriptionId",
    props.string(
        "Subscription",
        "A Chargebee subscription ID, e.g. `AzZlGJTrgrYyB2Xz`: the `id` from chargebee-list-subscriptions, or the end "
        "of the subscription's page address in Chargebee.",
        options=_subscription_options,
    ),
)
