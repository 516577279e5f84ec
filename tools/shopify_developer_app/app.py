"""Shopify (GraphQL Admin API), connected with a custom app's Admin API access token."""

import math
import re

from mcp_gateway.catalog import ActionError, App, Identity, KeyField, Keys, Option, OptionsPage, UpstreamError, props, retry_after_seconds, status_hint

VERSION = "2025-10"

# Connections take `first` up to 250; lists here stop at 100 a call.
MAX_PAGE = 100

_SHOP = re.compile(r"^[a-z0-9][a-z0-9-]*\.myshopify\.com$")


def _headers(auth):
    token = auth.get("access_token")
    return {"X-Shopify-Access-Token": token} if token else {}


def _check_shop(auth):
    shop = str(auth.get("shop") or "")
    if not _SHOP.match(shop):
        raise ActionError(f"shop {shop!r} is not a myshopify.com domain; enter the store's permanent domain, e.g. "
                          "`acme.myshopify.com` (Shopify admin, Settings, Domains), without https://")


async def _account_test(ctx):
    """The shop the token belongs to (`shop { name myshopifyDomain }`)."""
    shop = (await graphql(ctx, "query { shop { id name myshopifyDomain } }")).get("shop") or {}
    return Identity(name=f"{shop.get('name')} ({shop.get('myshopifyDomain')})", external_id=shop.get("id"))


app = App(
    "shopify_developer_app",
    "Shopify (Developer App)",
    "Search, read, create and update the connected Shopify store's products, look up its orders, and find and add "
    "customers, through the GraphQL Admin API with a custom app's access token.",
    auth=Keys([
        KeyField("access_token", "Admin API Access Token",
                 "The Admin API access token (`shpat_...`) of a custom app: in the Shopify admin, Settings, Apps and "
                 "sales channels, Develop apps; give the app the products, orders and customers scopes it needs, "
                 "install it, then reveal the token once."),
    ]),
    custom_fields=[
        KeyField("shop", "Shop Domain", "The store's myshopify.com domain, e.g. `acme.myshopify.com`.", secret=False),
    ],
    categories=["Commerce"],
    featured_weight=60,
    base_url=f"https://{{{{custom_fields.shop}}}}/admin/api/{VERSION}",
    allowed_domains=["myshopify.com"],
    auth_headers=_headers,
    test=_account_test,
)


# Errors. HTTP errors carry `{"errors": "..."}`; GraphQL errors come with status 200 as
# `{"errors": [{"message", "extensions": {"code"}}]}`, and mutations report `userErrors`.

_STATUS_HINTS = {
    401: "Shopify rejected the access token; the user should reconnect with the custom app's current Admin API token",
    402: "the store is frozen (unpaid); its owner must settle the bill in Shopify",
    403: "the custom app lacks the access scope for this; add it under the app's Admin API scopes and reinstall",
    404: "there is no Shopify store at this domain; check the shop domain",
    423: "the store is locked by Shopify",
}


def _throttle_wait(data):
    cost = (data.get("extensions") or {}).get("cost") or {}
    status = cost.get("throttleStatus") or {}
    rate, available, needed = status.get("restoreRate"), status.get("currentlyAvailable"), cost.get("requestedQueryCost")
    if not rate or available is None or needed is None:
        return None
    return float(max(1, math.ceil((needed - available) / rate)))


def _graphql_error(data):
    errors = data.get("errors") or []
    first = errors[0] if isinstance(errors[0], dict) else {"message": str(errors[0])}
    code = (first.get("extensions") or {}).get("code")
    message = "; ".join(e.get("message", "") for e in errors if isinstance(e, dict)) or str(errors)
    if code == "THROTTLED":
        wait = _throttle_wait(data)
        return UpstreamError(f"Shopify API error: {message} (rate limited by Shopify; "
                             f"{'retry after %g s' % wait if wait else 'retry in a few seconds'})",
                             status=429, retry_after=wait, body=str(errors)[:500])
    if code == "ACCESS_DENIED":
        hint = "the custom app lacks the access scope named in the message; add it in the app's Admin API scopes and reinstall"
    elif code == "MAX_COST_EXCEEDED":
        hint = "the request asks for too much at once; ask for a smaller limit"
    else:
        hint = "fix the values named in the message"
    return UpstreamError(f"Shopify API error: {message} ({hint})", status=400, body=str(errors)[:500])


async def graphql(ctx, query, variables=None):
    """The `data` of a GraphQL Admin API call; HTTP and GraphQL errors say what to fix."""
    _check_shop(ctx.auth)
    body = {"query": query, **({"variables": variables} if variables else {})}
    response = await ctx.http.request("POST", "/graphql.json", json=body, raise_for_status=False)
    if response.status_code >= 400:
        try:
            data = response.json()
        except ValueError:
            data = {}
        message = (data.get("errors") if isinstance(data, dict) else None) or response.text[:300] or response.reason_phrase
        retry_after = retry_after_seconds(response)
        hint = status_hint("Shopify", response.status_code, retry_after, _STATUS_HINTS)
        raise UpstreamError(f"Shopify API error {response.status_code}: {message} ({hint})",
                            status=response.status_code, retry_after=retry_after, body=response.text[:500])
    data = response.json()
    if data.get("errors"):
        raise _graphql_error(data)
    return data.get("data") or {}


def user_errors(payload, what):
    """Mutations answer 200 with `userErrors` when an input is refused."""
    errors = payload.get("userErrors") or []
    if errors:
        details = "; ".join(f"{'.'.join(e.get('field') or []) or 'input'}: {e.get('message')}" for e in errors)
        raise ActionError(f"Shopify did not {what}: {details}")


def gid(kind, value):
    """Shopify IDs are `gid://shopify/Kind/123`; the number from an admin URL is accepted too."""
    text = str(value or "").strip()
    if text.isdigit():
        return f"gid://shopify/{kind}/{text}"
    if text.startswith(f"gid://shopify/{kind}/"):
        return text
    raise ActionError(f"{value!r} is not a Shopify {kind} ID; pass `gid://shopify/{kind}/123` or the number `123`")


async def connection(ctx, query, field, *, limit, cursor, variables=None):
    """Up to `limit` nodes of a connection from `cursor` (an `endCursor`) on, and the next cursor."""
    nodes, after = [], cursor or None
    while len(nodes) < limit:
        found = (await graphql(ctx, query, {**(variables or {}), "first": min(MAX_PAGE, limit - len(nodes)), "after": after}))[field]
        nodes.extend(found.get("nodes") or [])
        info = found.get("pageInfo") or {}
        after = info.get("endCursor") if info.get("hasNextPage") else None
        if not after:
            break
    return nodes, after


def money(bag):
    money_value = (bag or {}).get("shopMoney") or bag or {}
    return f"{money_value.get('amount')} {money_value.get('currencyCode')}" if money_value.get("amount") is not None else None


PRODUCT_FIELDS = """id title handle status vendor productType tags createdAt updatedAt totalInventory onlineStoreUrl
priceRangeV2 { minVariantPrice { amount currencyCode } maxVariantPrice { amount currencyCode } }"""

ORDER_FIELDS = """id name email createdAt cancelledAt displayFinancialStatus displayFulfillmentStatus
totalPriceSet { shopMoney { amount currencyCode } } customer { id displayName }"""

CUSTOMER_FIELDS = """id displayName firstName lastName email phone state tags numberOfOrders
amountSpent { amount currencyCode } createdAt updatedAt"""


def product_summary(product):
    prices = product.get("priceRangeV2") or {}
    low, high = money(prices.get("minVariantPrice")), money(prices.get("maxVariantPrice"))
    return {
        "id": product.get("id"),
        "title": product.get("title"),
        "handle": product.get("handle"),
        "status": product.get("status"),
        "vendor": product.get("vendor"),
        "product_type": product.get("productType"),
        "tags": product.get("tags"),
        "price": low if low == high else f"{low} – {high}",
        "total_inventory": product.get("totalInventory"),
        "online_store_url": product.get("onlineStoreUrl"),
        "updated_at": product.get("updatedAt"),
    }


def order_summary(order):
    return {
        "id": order.get("id"),
        "name": order.get("name"),
        "email": order.get("email"),
        "created_at": order.get("createdAt"),
        "cancelled_at": order.get("cancelledAt"),
        "financial_status": order.get("displayFinancialStatus"),
        "fulfillment_status": order.get("displayFulfillmentStatus"),
        "total": money(order.get("totalPriceSet")),
        "customer": (order.get("customer") or {}).get("displayName"),
        "customer_id": (order.get("customer") or {}).get("id"),
    }


def customer_summary(customer):
    return {
        "id": customer.get("id"),
        "name": customer.get("displayName"),
        "email": customer.get("email"),
        "phone": customer.get("phone"),
        "state": customer.get("state"),
        "tags": customer.get("tags"),
        "number_of_orders": customer.get("numberOfOrders"),
        "amount_spent": money(customer.get("amountSpent")),
        "created_at": customer.get("createdAt"),
    }


async def _options(ctx, query, field, label):
    found = (await graphql(ctx, query, {"first": MAX_PAGE, "after": ctx.prev_context.get("after")}))[field]
    info = found.get("pageInfo") or {}
    options = [Option(label=label(n), value=n["id"]) for n in found.get("nodes") or []]
    return OptionsPage(options=options, context={"after": info["endCursor"]} if info.get("hasNextPage") else None)


async def _product_options(ctx):
    return await _options(
        ctx, "query($first: Int!, $after: String) { products(first: $first, after: $after, sortKey: TITLE) "
             "{ nodes { id title status } pageInfo { hasNextPage endCursor } } }",
        "products", lambda p: f"{p.get('title')} ({str(p.get('status') or '').lower()})")


async def _order_options(ctx):
    return await _options(
        ctx, "query($first: Int!, $after: String) { orders(first: $first, after: $after, sortKey: CREATED_AT, reverse: true) "
             "{ nodes { id name email totalPriceSet { shopMoney { amount currencyCode } } } pageInfo { hasNextPage endCursor } } }",
        "orders", lambda o: " · ".join(p for p in (o.get("name"), o.get("email"), money(o.get("totalPriceSet"))) if p))


app.define(
    "productId",
    props.string(
        "Product",
        "A Shopify product ID, e.g. `gid://shopify/Product/108828309`, from shopify_developer_app-search-products; "
        "the number at the end of the product's admin page address (…/admin/products/108828309) works too.",
        options=_product_options,
    ),
)

app.define(
    "orderId",
    props.string(
        "Order",
        "A Shopify order ID, e.g. `gid://shopify/Order/148977776`, from shopify_developer_app-search-orders; the "
        "number at the end of the order's admin page address (…/admin/orders/148977776) works too (not the `#1001` name).",
        options=_order_options,
    ),
)

PRODUCT_INPUT_PROPS = {
    "descriptionHtml": props.string("Description (HTML)", "The product description, as HTML.", optional=True),
    "vendor": props.string("Vendor", "The product's vendor or brand.", optional=True),
    "productType": props.string("Product Type", "A category of your own, e.g. `Snowboard`.", optional=True),
    "tags": props.string_list("Tags", "Tags, e.g. `[\"winter\", \"sale\"]`.", optional=True),
    "status": props.string("Status", "`ACTIVE` (on sale), `DRAFT` (hidden) or `ARCHIVED`.",
                           options=["ACTIVE", "DRAFT", "ARCHIVED"], optional=True),
    "handle": props.string("Handle", "The URL slug, e.g. `winter-snowboard`; Shopify makes one from the title when empty.",
                           optional=True),
}


def product_input(ctx):
    return {name: ctx.props[name] for name in ("title", *PRODUCT_INPUT_PROPS) if ctx.props.get(name) not in (None, "", [])}
