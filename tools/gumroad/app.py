"""Gumroad (API v2): the connected creator's products, sales, subscribers and license keys."""

from urllib.parse import quote

from mcp_gateway.catalog import ActionError, App, Identity, KeyField, Keys, Option, UpstreamError, props, retry_after_seconds, status_hint

API = "https://api.gumroad.com/v2"


def _headers(auth):
    token = auth.get("access_token")
    return {"Authorization": f"Bearer {token}"} if token else {}


async def _account_test(ctx):
    """The creator the token belongs to (`GET /user`)."""
    user = (await api(ctx, "GET", "/user")).get("user") or {}
    return Identity(name=user.get("email") or user.get("name"), external_id=user.get("user_id"))


app = App(
    "gumroad",
    "Gumroad",
    "Read the connected Gumroad creator's products, sales and membership subscribers, verify license keys buyers "
    "enter, and refund sales.",
    auth=Keys([
        KeyField("access_token", "Access Token",
                 "An access token of your own Gumroad application: in Gumroad, Settings, Advanced, Applications; create "
                 "an application, then Generate access token."),
    ]),
    categories=["Commerce"],
    featured_weight=40,
    base_url=API,
    allowed_domains=["api.gumroad.com"],
    auth_headers=_headers,
    test=_account_test,
)


# Errors: Gumroad answers `{"success": false, "message": "..."}`.

_STATUS_HINTS = {
    401: "Gumroad rejected the access token; the user should reconnect Gumroad with a new token",
    403: "the access token lacks the scope for this (sales need `view_sales`, refunds `edit_sales`); generate one "
         "that has it",
    404: "nothing has that ID in this Gumroad account; find products with gumroad-list-products and sales with "
         "gumroad-list-sales",
}


def gumroad_error(method, path, response, not_found=None):
    try:
        data = response.json()
    except ValueError:
        data = {}
    message = (data.get("message") if isinstance(data, dict) else None) or response.text[:300] or response.reason_phrase
    retry_after = retry_after_seconds(response)
    hints = {**_STATUS_HINTS, 404: not_found} if not_found else _STATUS_HINTS
    hint = status_hint("Gumroad", response.status_code, retry_after, hints)
    return UpstreamError(f"Gumroad API error {response.status_code} on {method} {path}: {message} ({hint})",
                         status=response.status_code, retry_after=retry_after, body=response.text[:500])


async def api(ctx, method, path, *, not_found=None, **kw):
    response = await ctx.http.request(method, path, raise_for_status=False, **kw)
    if response.status_code >= 400:
        raise gumroad_error(method, path, response, not_found)
    data = response.json() if response.content else {}
    if isinstance(data, dict) and data.get("success") is False:
        raise ActionError(f"Gumroad refused {method} {path}: {data.get('message') or 'no reason given'}")
    return data


def seg(value):
    return quote(str(value).strip(), safe="")


def _split(cursor):
    """Our cursor is Gumroad's page key and how many records of that page were already returned."""
    if not cursor:
        return None, 0
    key, _, skip = str(cursor).rpartition("~")
    if not skip.isdigit():
        raise ActionError(f"cursor {cursor!r} is not one this action returned; pass a `next_cursor` unchanged")
    return key or None, int(skip)


async def collect(ctx, path, key, *, limit, cursor, params=None):
    """Up to `limit` records of a Gumroad list that pages with `page_key`, from `cursor` on."""
    page_key, skip = _split(cursor)
    records = []
    while True:
        query = dict(params or {})
        if page_key:
            query["page_key"] = page_key
        page = await api(ctx, "GET", path, params=query)
        batch = (page.get(key) or [])[skip:]
        room = limit - len(records)
        if len(batch) > room:
            records.extend(batch[:room])
            return {key: records, "next_cursor": f"{page_key or ''}~{skip + room}"}
        records.extend(batch)
        page_key, skip = page.get("next_page_key"), 0
        if not page_key:
            return {key: records, "next_cursor": None}
        if len(records) == limit:
            return {key: records, "next_cursor": f"{page_key}~0"}


def product_summary(product):
    return {
        "id": product.get("id"),
        "name": product.get("name"),
        "formatted_price": product.get("formatted_price"),
        "price": product.get("price"),
        "currency": product.get("currency"),
        "published": product.get("published"),
        "short_url": product.get("short_url"),
        "custom_permalink": product.get("custom_permalink"),
        "sales_count": product.get("sales_count"),
        "sales_usd_cents": product.get("sales_usd_cents"),
        "is_tiered_membership": product.get("is_tiered_membership"),
    }


def sale_summary(sale):
    return {
        "id": sale.get("id"),
        "email": sale.get("email"),
        "product_id": sale.get("product_id"),
        "product_name": sale.get("product_name"),
        "price": sale.get("price"),
        "formatted_total_price": sale.get("formatted_total_price"),
        "created_at": sale.get("created_at"),
        "order_id": sale.get("order_id"),
        "refunded": sale.get("refunded"),
        "partially_refunded": sale.get("partially_refunded"),
        "chargedback": sale.get("chargedback"),
        "subscription_id": sale.get("subscription_id"),
        "license_key": sale.get("license_key"),
        "quantity": sale.get("quantity"),
    }


def subscriber_summary(subscriber):
    return {
        "id": subscriber.get("id"),
        "user_email": subscriber.get("user_email"),
        "status": subscriber.get("status"),
        "recurrence": subscriber.get("recurrence"),
        "created_at": subscriber.get("created_at"),
        "charge_occurrence_count": subscriber.get("charge_occurrence_count"),
        "cancelled_at": subscriber.get("cancelled_at"),
        "ended_at": subscriber.get("ended_at"),
        "free_trial_ends_at": subscriber.get("free_trial_ends_at"),
        "license_key": subscriber.get("license_key"),
    }


async def _product_options(ctx):
    products = (await api(ctx, "GET", "/products")).get("products") or []
    return [Option(label=p.get("name") or p["id"], value=p["id"]) for p in products if p.get("id")]


app.define(
    "productId",
    props.string(
        "Product",
        "A Gumroad product ID, e.g. `A-m3CDDC5dlrSdKZp0RFhA==`: the `id` from gumroad-list-products (not the "
        "product's short permalink).",
        options=_product_options,
    ),
)

app.define(
    "saleId",
    props.string(
        "Sale",
        "A Gumroad sale ID, e.g. `B28UKN-dvxYabdavG97Y-Q==`: the `id` from gumroad-list-sales.",
    ),
)
