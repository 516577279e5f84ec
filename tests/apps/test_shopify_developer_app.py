import json

import httpx

from mcp_gateway.runtime.engine import fetch_options, run_action

URL = "https://acme.myshopify.com/admin/api/2025-10/graphql.json"
AUTH = {"access_token": "shpat_1234abcd", "shop": "acme.myshopify.com"}
PRODUCT = "gid://shopify/Product/108828309"
ORDER = "gid://shopify/Order/148977776"


def sent(request):
    """The GraphQL document and variables of a request, after checking where and how it went."""
    assert request.method == "POST"
    assert str(request.url) == URL
    assert request.headers["x-shopify-access-token"] == "shpat_1234abcd"
    body = json.loads(request.content)
    assert set(body) <= {"query", "variables"}
    return body["query"], body.get("variables")


def _product(product_id=PRODUCT, title="Winter Snowboard"):
    return {"id": product_id, "title": title, "handle": "winter-snowboard", "status": "ACTIVE", "vendor": "Acme",
            "productType": "Snowboard", "tags": ["winter"], "createdAt": "2026-11-01T10:00:00Z",
            "updatedAt": "2026-12-01T10:00:00Z", "totalInventory": 12, "onlineStoreUrl": None,
            "priceRangeV2": {"minVariantPrice": {"amount": "699.95", "currencyCode": "USD"},
                             "maxVariantPrice": {"amount": "699.95", "currencyCode": "USD"}}}


def _page(field, nodes, end=None):
    return {"data": {field: {"nodes": nodes, "pageInfo": {"hasNextPage": end is not None, "endCursor": end}}},
            "extensions": {"cost": {"requestedQueryCost": 12, "actualQueryCost": 4,
                                    "throttleStatus": {"maximumAvailable": 2000.0, "currentlyAvailable": 1996, "restoreRate": 100.0}}}}


def _order():
    return {"id": ORDER, "name": "#1001", "email": "bob@example.com", "createdAt": "2026-12-03T09:00:00Z",
            "cancelledAt": None, "displayFinancialStatus": "PAID", "displayFulfillmentStatus": "UNFULFILLED",
            "totalPriceSet": {"shopMoney": {"amount": "59.90", "currencyCode": "USD"}},
            "customer": {"id": "gid://shopify/Customer/544365967", "displayName": "Bob Norman"}}


def _customer():
    return {"id": "gid://shopify/Customer/544365967", "displayName": "Bob Norman", "firstName": "Bob", "lastName": "Norman",
            "email": "bob@example.com", "phone": "+16136120707", "state": "ENABLED", "tags": ["vip"], "numberOfOrders": "3",
            "amountSpent": {"amount": "199.65", "currencyCode": "USD"}, "createdAt": "2026-10-01T10:00:00Z",
            "updatedAt": "2026-12-01T10:00:00Z"}


async def test_search_products_follows_end_cursors(catalog, respx_mock):
    route = respx_mock.post(URL).mock(side_effect=[
        httpx.Response(200, json=_page("products", [_product()], end="eyJsYXN0X2lkIjoxfQ==")),
        httpx.Response(200, json=_page("products", [_product("gid://shopify/Product/2", "Boots")])),
    ])
    result = await run_action(catalog.action("shopify_developer_app-search-products"),
                              {"query": "status:active", "limit": 2}, auth=AUTH)
    assert result.error is None, result.error
    query, variables = sent(route.calls[0].request)
    assert "products(first: $first, after: $after, query: $query, sortKey: UPDATED_AT, reverse: true)" in query
    assert variables == {"query": "status:active", "first": 2, "after": None}
    assert sent(route.calls[1].request)[1] == {"query": "status:active", "first": 1, "after": "eyJsYXN0X2lkIjoxfQ=="}
    assert result.ret["next_cursor"] is None and result.ret["products"][0] == {
        "id": PRODUCT, "title": "Winter Snowboard", "handle": "winter-snowboard", "status": "ACTIVE", "vendor": "Acme",
        "product_type": "Snowboard", "tags": ["winter"], "price": "699.95 USD", "total_inventory": 12,
        "online_store_url": None, "updated_at": "2026-12-01T10:00:00Z"}


async def test_search_products_returns_a_cursor_when_more_exist(catalog, respx_mock):
    route = respx_mock.post(URL).mock(return_value=httpx.Response(200, json=_page("products", [_product()], end="c1")))
    result = await run_action(catalog.action("shopify_developer_app-search-products"), {"limit": 1, "cursor": "c0"}, auth=AUTH)
    assert sent(route.calls.last.request)[1] == {"first": 1, "after": "c0"}
    assert result.ret["next_cursor"] == "c1"


async def test_get_product_takes_a_number_and_full_response(catalog, respx_mock):
    product = {**_product(), "descriptionHtml": "<p>Fast.</p>", "variants": {"nodes": [
        {"id": "gid://shopify/ProductVariant/1", "title": "Default Title", "sku": "SB-1", "price": "699.95", "inventoryQuantity": 12}]}}
    route = respx_mock.post(URL).mock(return_value=httpx.Response(200, json={"data": {"product": product}}))
    action = catalog.action("shopify_developer_app-get-product")
    result = await run_action(action, {"productId": "108828309"}, auth=AUTH)
    query, variables = sent(route.calls.last.request)
    assert "product(id: $id)" in query and variables == {"id": PRODUCT}
    assert result.ret["variants"] == [{"id": "gid://shopify/ProductVariant/1", "title": "Default Title", "sku": "SB-1",
                                       "price": "699.95", "inventory_quantity": 12}]
    whole = await run_action(action, {"productId": PRODUCT, "fullResponse": True}, auth=AUTH)
    assert whole.ret == product


async def test_create_and_update_product(catalog, respx_mock):
    route = respx_mock.post(URL).mock(side_effect=[
        httpx.Response(200, json={"data": {"productCreate": {"product": _product(), "userErrors": []}}}),
        httpx.Response(200, json={"data": {"productUpdate": {"product": {**_product(), "status": "DRAFT"}, "userErrors": []}}}),
        httpx.Response(200, json={"data": {"productUpdate": {"product": None, "userErrors": [
            {"field": ["product", "handle"], "message": "Handle has already been taken"}]}}}),
    ])
    result = await run_action(catalog.action("shopify_developer_app-create-product"), {
        "title": "Winter Snowboard", "vendor": "Acme", "productType": "Snowboard", "tags": ["winter"], "status": "ACTIVE"}, auth=AUTH)
    assert result.error is None, result.error
    query, variables = sent(route.calls[0].request)
    assert "productCreate(product: $product)" in query and "userErrors { field message }" in query
    assert variables == {"product": {"title": "Winter Snowboard", "vendor": "Acme", "productType": "Snowboard",
                                     "tags": ["winter"], "status": "ACTIVE"}}
    assert result.summary == f"Created the product 'Winter Snowboard' ({PRODUCT})"

    action = catalog.action("shopify_developer_app-update-product")
    result = await run_action(action, {"productId": PRODUCT, "status": "DRAFT"}, auth=AUTH)
    query, variables = sent(route.calls[1].request)
    assert "productUpdate(product: $product)" in query and variables == {"product": {"id": PRODUCT, "status": "DRAFT"}}
    assert result.ret["status"] == "DRAFT"
    refused = await run_action(action, {"productId": PRODUCT, "handle": "boots"}, auth=AUTH)
    assert refused.error == "Shopify did not update the product: product.handle: Handle has already been taken"


async def test_search_and_get_orders(catalog, respx_mock):
    order = {**_order(), "note": "Leave at the door", "tags": [], "shippingAddress": {"name": "Bob Norman", "city": "Ottawa"},
             "lineItems": {"nodes": [{"id": "gid://shopify/LineItem/1", "title": "Winter Snowboard", "quantity": 1, "sku": "SB-1",
                                      "originalTotalSet": {"shopMoney": {"amount": "59.90", "currencyCode": "USD"}}}]}}
    route = respx_mock.post(URL).mock(side_effect=[
        httpx.Response(200, json=_page("orders", [_order()])),
        httpx.Response(200, json={"data": {"order": order}}),
    ])
    result = await run_action(catalog.action("shopify_developer_app-search-orders"), {"query": "financial_status:paid"}, auth=AUTH)
    query, variables = sent(route.calls[0].request)
    assert "orders(first: $first, after: $after, query: $query, sortKey: CREATED_AT, reverse: true)" in query
    assert variables == {"query": "financial_status:paid", "first": 25, "after": None}
    assert result.ret["orders"][0] == {"id": ORDER, "name": "#1001", "email": "bob@example.com",
                                       "created_at": "2026-12-03T09:00:00Z", "cancelled_at": None, "financial_status": "PAID",
                                       "fulfillment_status": "UNFULFILLED", "total": "59.90 USD", "customer": "Bob Norman",
                                       "customer_id": "gid://shopify/Customer/544365967"}

    result = await run_action(catalog.action("shopify_developer_app-get-order"), {"orderId": ORDER}, auth=AUTH)
    assert sent(route.calls[1].request)[1] == {"id": ORDER}
    assert result.ret["line_items"] == [{"id": "gid://shopify/LineItem/1", "title": "Winter Snowboard", "quantity": 1,
                                         "sku": "SB-1", "total": "59.90 USD"}]
    assert result.summary == "Read order #1001 (PAID)"


async def test_search_and_create_customers(catalog, respx_mock):
    route = respx_mock.post(URL).mock(side_effect=[
        httpx.Response(200, json=_page("customers", [_customer()])),
        httpx.Response(200, json={"data": {"customerCreate": {"customer": _customer(), "userErrors": []}}}),
    ])
    result = await run_action(catalog.action("shopify_developer_app-search-customers"), {"query": "email:bob@example.com"}, auth=AUTH)
    query, variables = sent(route.calls[0].request)
    assert "customers(first: $first, after: $after, query: $query, sortKey: UPDATED_AT, reverse: true)" in query
    assert variables == {"query": "email:bob@example.com", "first": 25, "after": None}
    assert result.ret["customers"][0]["amount_spent"] == "199.65 USD"

    result = await run_action(catalog.action("shopify_developer_app-create-customer"), {
        "email": "bob@example.com", "firstName": "Bob", "lastName": "Norman", "tags": ["vip"]}, auth=AUTH)
    query, variables = sent(route.calls[1].request)
    assert "customerCreate(input: $input)" in query
    assert variables == {"input": {"email": "bob@example.com", "firstName": "Bob", "lastName": "Norman", "tags": ["vip"]}}
    assert result.summary == "Created the customer Bob Norman (gid://shopify/Customer/544365967)"


async def test_product_options_page_with_cursors(catalog, respx_mock):
    route = respx_mock.post(URL).mock(side_effect=[
        httpx.Response(200, json=_page("products", [{"id": PRODUCT, "title": "Winter Snowboard", "status": "ACTIVE"}], end="c1")),
        httpx.Response(200, json=_page("products", [{"id": "gid://shopify/Product/2", "title": "Boots", "status": "DRAFT"}])),
    ])
    action = catalog.action("shopify_developer_app-update-product")
    first = await fetch_options(action, "productId", {}, auth=AUTH)
    assert first["options"] == [{"label": "Winter Snowboard (active)", "value": PRODUCT}] and first["context"] == {"after": "c1"}
    second = await fetch_options(action, "productId", {}, auth=AUTH, page=1, prev_context=first["context"])
    assert second["options"] == [{"label": "Boots (draft)", "value": "gid://shopify/Product/2"}] and second["context"] is None
    assert sent(route.calls[1].request)[1] == {"first": 100, "after": "c1"}


async def test_throttling_missing_scope_and_a_bad_shop(catalog, respx_mock):
    respx_mock.post(URL).mock(side_effect=[
        httpx.Response(200, json={"errors": [{"message": "Throttled", "extensions": {"code": "THROTTLED"}}],
                                  "extensions": {"cost": {"requestedQueryCost": 202, "actualQueryCost": None, "throttleStatus": {
                                      "maximumAvailable": 2000.0, "currentlyAvailable": 2, "restoreRate": 100.0}}}}),
        httpx.Response(200, json={"errors": [{"message": "Access denied for orders field. Required access: `read_orders` "
                                              "access scope.", "extensions": {"code": "ACCESS_DENIED"}}]}),
        httpx.Response(401, json={"errors": "[API] Invalid API key or access token (unrecognized login or wrong password)"}),
    ])
    action = catalog.action("shopify_developer_app-search-orders")
    assert "rate limited by Shopify; retry after 2 s" in (await run_action(action, {}, auth=AUTH)).error
    denied = (await run_action(action, {}, auth=AUTH)).error
    assert "`read_orders`" in denied and "add it in the app's Admin API scopes" in denied
    assert "reconnect with the custom app's current Admin API token" in (await run_action(action, {}, auth=AUTH)).error
    bad = await run_action(action, {}, auth={**AUTH, "shop": "evil.example.com"})
    assert "is not a myshopify.com domain" in bad.error
