"""WooCommerce (REST API v3): products, orders and customers of one WordPress store."""

import base64
import re

from mcp_gateway.catalog import ActionError, App, Identity, KeyField, Keys, Option, OptionsPage, UpstreamError, props, retry_after_seconds, status_hint

# WooCommerce lists take `per_page` up to 100.
MAX_PAGE = 100

_HOST = re.compile(r"^(?=.{1,253}$)(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+[A-Za-z]{2,}$")

ORDER_STATUSES = ["pending", "processing", "on-hold", "completed", "cancelled", "refunded", "failed"]


def _headers(auth):
    # Over https WooCommerce takes the consumer key and secret as Basic credentials.
    key, secret = auth.get("consumer_key"), auth.get("consumer_secret")
    if not key or not secret:
        return {}
    return {"Authorization": "Basic " + base64.b64encode(f"{key}:{secret}".encode()).decode()}


def _check_store(auth):
    store = str(auth.get("store") or "")
    if not _HOST.match(store):
        raise ActionError(f"store {store!r} is not a host name; enter only the store's domain, e.g. `shop.example.com` "
                          "for https://shop.example.com (no https://, no path)")


async def _account_test(ctx):
    """One product of the store (`GET /products?per_page=1`), which proves the keys can read it."""
    await api(ctx, "GET", "/products", params={"per_page": 1})
    return Identity(name=ctx.auth["store"], external_id=None)


app = App(
    "woocommerce",
    "WooCommerce",
    "Find, create and update products of the connected WooCommerce store, look up orders and change their status, "
    "and list its customers.",
    auth=Keys([
        KeyField("consumer_key", "Consumer Key",
                 "A REST API key's consumer key (`ck_...`): in WordPress, WooCommerce, Settings, Advanced, REST API, "
                 "Add key, with Read/Write permission."),
        KeyField("consumer_secret", "Consumer Secret", "The same key's consumer secret (`cs_...`)."),
    ]),
    custom_fields=[
        KeyField("store", "Store Domain", "The store's domain, e.g. `shop.example.com`; it must serve https.", secret=False),
    ],
    categories=["Commerce"],
    featured_weight=50,
    base_url="https://{{custom_fields.store}}/wp-json/wc/v3",
    allowed_domains=["{{custom_fields.store}}"],
    auth_headers=_headers,
    test=_account_test,
)


# Errors: WooCommerce answers `{"code": "...", "message": "...", "data": {"status": n, "params": {...}}}`.

_CODE_HINTS = {
    "woocommerce_rest_cannot_view": "the API key may not read this; check the key's user and permission in WooCommerce",
    "woocommerce_rest_cannot_create": "the API key is read-only; the user should make a Read/Write key and reconnect",
    "woocommerce_rest_cannot_edit": "the API key is read-only; the user should make a Read/Write key and reconnect",
    "woocommerce_rest_authentication_error": "WooCommerce rejected the keys; the user should reconnect with a current "
                                             "consumer key and secret",
    "woocommerce_rest_product_invalid_id": "no product has that ID; find it with woocommerce-list-products",
    "woocommerce_rest_shop_order_invalid_id": "no order has that ID; find it with woocommerce-list-orders",
    "product_invalid_sku": "another product already has that SKU; choose another",
    "rest_no_route": "the store has no WooCommerce REST API at this address; check the store domain and that "
                     "WooCommerce is active with pretty permalinks",
}


def woocommerce_error(method, path, response):
    try:
        data = response.json()
    except ValueError:
        data = {}
    data = data if isinstance(data, dict) else {}
    message = data.get("message") or response.text[:300] or response.reason_phrase
    retry_after = retry_after_seconds(response)
    code = data.get("code")
    params = (data.get("data") or {}).get("params") if isinstance(data.get("data"), dict) else None
    if code in _CODE_HINTS:
        hint = _CODE_HINTS[code]
    elif code == "rest_invalid_param" and isinstance(params, dict):
        hint = "fix " + "; ".join(f"`{name}`: {why}" for name, why in params.items())
    else:
        hint = status_hint("WooCommerce", response.status_code, retry_after, {})
    return UpstreamError(f"WooCommerce API error {response.status_code} on {method} {path}: {message} ({hint})",
                         status=response.status_code, retry_after=retry_after, body=response.text[:500])


async def call(ctx, method, path, **kw):
    _check_store(ctx.auth)
    response = await ctx.http.request(method, path, raise_for_status=False, **kw)
    if response.status_code >= 400:
        raise woocommerce_error(method, path, response)
    return response


async def api(ctx, method, path, **kw):
    response = await call(ctx, method, path, **kw)
    return response.json() if response.content else {}


def _offset(cursor):
    if not cursor:
        return 0
    if not str(cursor).isdigit():
        raise ActionError(f"cursor {cursor!r} is not one this action returned; pass a `next_cursor` unchanged")
    return int(cursor)


async def page(ctx, path, key, *, limit, cursor, params=None):
    """One page of a WooCommerce list, by offset behind an opaque cursor; `X-WP-Total` counts all."""
    offset = _offset(cursor)
    response = await call(ctx, "GET", path, params={**(params or {}), "per_page": limit, "offset": offset})
    records = response.json() or []
    total = response.headers.get("x-wp-total")
    following = offset + len(records)
    more = following < int(total) if total and total.isdigit() else len(records) == limit
    return {key: records, "total": int(total) if total and total.isdigit() else None,
            "next_cursor": str(following) if records and more else None}


def product_summary(product):
    return {
        "id": product.get("id"),
        "name": product.get("name"),
        "type": product.get("type"),
        "status": product.get("status"),
        "sku": product.get("sku"),
        "price": product.get("price"),
        "regular_price": product.get("regular_price"),
        "sale_price": product.get("sale_price"),
        "stock_status": product.get("stock_status"),
        "stock_quantity": product.get("stock_quantity"),
        "categories": [c.get("name") for c in product.get("categories") or []],
        "permalink": product.get("permalink"),
        "date_modified": product.get("date_modified"),
    }


def order_summary(order):
    billing = order.get("billing") or {}
    return {
        "id": order.get("id"),
        "number": order.get("number"),
        "status": order.get("status"),
        "currency": order.get("currency"),
        "total": order.get("total"),
        "date_created": order.get("date_created"),
        "customer_id": order.get("customer_id"),
        "billing_name": " ".join(p for p in (billing.get("first_name"), billing.get("last_name")) if p) or None,
        "billing_email": billing.get("email"),
        "payment_method_title": order.get("payment_method_title"),
        "items": [{"name": i.get("name"), "product_id": i.get("product_id"), "quantity": i.get("quantity"),
                   "total": i.get("total")} for i in order.get("line_items") or []],
    }


def customer_summary(customer):
    billing = customer.get("billing") or {}
    return {
        "id": customer.get("id"),
        "email": customer.get("email"),
        "first_name": customer.get("first_name"),
        "last_name": customer.get("last_name"),
        "username": customer.get("username"),
        "role": customer.get("role"),
        "is_paying_customer": customer.get("is_paying_customer"),
        "phone": billing.get("phone"),
        "city": billing.get("city"),
        "country": billing.get("country"),
        "date_created": customer.get("date_created"),
    }


async def _options(ctx, path, label, params=None):
    offset = ctx.prev_context.get("offset") or 0
    records = await api(ctx, "GET", path, params={**(params or {}), "per_page": MAX_PAGE, "offset": offset})
    options = [Option(label=label(r), value=r["id"]) for r in records or []]
    return OptionsPage(options=options, context={"offset": offset + len(records)} if len(records) == MAX_PAGE else None)


async def _product_options(ctx):
    return await _options(ctx, "/products", lambda p: f"{p.get('name')} (SKU {p['sku']})" if p.get("sku") else p.get("name") or str(p["id"]))


async def _order_options(ctx):
    def label(o):
        billing = o.get("billing") or {}
        who = " ".join(p for p in (billing.get("first_name"), billing.get("last_name")) if p)
        return f"#{o.get('number')} {who} · {o.get('total')} {o.get('currency')} · {o.get('status')}"
    return await _options(ctx, "/orders", label)


app.define(
    "productId",
    props.integer(
        "Product",
        "A WooCommerce product ID, e.g. `794`: the `id` from woocommerce-list-products, or `post=794` in the address "
        "of the product's edit page in WordPress.",
        options=_product_options,
        min=1,
    ),
)

app.define(
    "orderId",
    props.integer(
        "Order",
        "A WooCommerce order ID, e.g. `727`: the `id` from woocommerce-list-orders (the order number shown in "
        "WooCommerce, unless a plugin renumbers orders).",
        options=_order_options,
        min=1,
    ),
)


def product_body(ctx):
    """The product fields given, in WooCommerce's names; prices are strings there."""
    body = {}
    for prop, field in (("name", "name"), ("type", "type"), ("status", "status"), ("sku", "sku"),
                        ("description", "description"), ("shortDescription", "short_description")):
        if ctx.props.get(prop):
            body[field] = ctx.props[prop]
    for prop, field in (("regularPrice", "regular_price"), ("salePrice", "sale_price")):
        if ctx.props.get(prop) not in (None, ""):
            body[field] = str(ctx.props[prop])
    if ctx.props.get("stockQuantity") is not None:
        body["manage_stock"] = True
        body["stock_quantity"] = ctx.props.stockQuantity
    if ctx.props.get("categoryIds"):
        body["categories"] = [{"id": int(c)} for c in ctx.props.categoryIds]
    return body


PRODUCT_PROPS = {
    "type": props.string("Type", "`simple` (the default), `variable`, `grouped` or `external`.",
                         options=["simple", "variable", "grouped", "external"], optional=True),
    "status": props.string("Status", "`publish` to sell it now, `draft` to keep it hidden, `pending` or `private`.",
                           options=["draft", "pending", "private", "publish"], optional=True),
    "regularPrice": props.string("Regular Price", "The price as a decimal, e.g. `21.99`.", optional=True),
    "salePrice": props.string("Sale Price", "A reduced price, e.g. `19.99`; empty for none.", optional=True),
    "sku": props.string("SKU", "The stock keeping unit, unique in the store.", optional=True),
    "description": props.string("Description", "The full description; HTML is allowed.", optional=True),
    "shortDescription": props.string("Short Description", "The summary shown beside the price; HTML is allowed.", optional=True),
    "stockQuantity": props.integer("Stock Quantity", "Units in stock; turns on stock management for the product.", optional=True),
    "categoryIds": props.integer_list("Category IDs", "IDs of product categories, e.g. `[9, 14]` (in WordPress, "
                                      "Products, Categories: hover a category to see `tag_ID=9`).", optional=True),
}
