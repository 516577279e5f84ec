import base64
import json

import httpx

from mcp_gateway.runtime.engine import fetch_options, run_action

API = "https://shop.example.com/wp-json/wc/v3"
AUTH = {"consumer_key": "ck_1a2b3c", "consumer_secret": "cs_4d5e6f", "store": "shop.example.com"}


def assert_request(request, method, path, *, params=None, body=None):
    assert request.method == method
    assert str(request.url.copy_with(query=None)) == f"{API}{path}"
    assert dict(request.url.params) == (params or {})
    assert request.headers["authorization"] == "Basic " + base64.b64encode(b"ck_1a2b3c:cs_4d5e6f").decode()
    if body is None:
        assert request.content == b""
    else:
        assert json.loads(request.content) == body


def _product(product_id=794, name="Premium Quality"):
    return {"id": product_id, "name": name, "slug": "premium-quality-19", "permalink": "https://shop.example.com/product/premium-quality-19/",
            "date_created": "2026-12-01T10:00:00", "date_modified": "2026-12-02T10:00:00", "type": "simple",
            "status": "publish", "featured": False, "description": "<p>Soft cotton.</p>", "short_description": "<p>Tee.</p>",
            "sku": "TEE-1", "price": "21.99", "regular_price": "21.99", "sale_price": "", "manage_stock": True,
            "stock_quantity": 12, "stock_status": "instock", "categories": [{"id": 9, "name": "Clothing", "slug": "clothing"}],
            "images": [{"id": 792, "src": "https://shop.example.com/wp-content/uploads/tee.jpg", "name": "", "alt": ""}],
            "attributes": [], "variations": []}


def _order(order_id=727, status="processing"):
    return {"id": order_id, "parent_id": 0, "number": str(order_id), "status": status, "currency": "USD",
            "date_created": "2026-12-03T09:00:00", "total": "29.35", "total_tax": "1.35", "shipping_total": "10.00",
            "customer_id": 25, "customer_note": "", "payment_method_title": "Direct Bank Transfer", "date_paid": None,
            "date_completed": None,
            "billing": {"first_name": "John", "last_name": "Doe", "email": "john.doe@example.com", "phone": "(555) 555-5555"},
            "shipping": {"first_name": "John", "last_name": "Doe", "city": "San Francisco"},
            "line_items": [{"id": 315, "name": "Woo Single #1", "product_id": 93, "quantity": 2, "total": "6.00", "sku": ""}]}


async def test_list_products_pages_by_offset_with_the_total(catalog, respx_mock):
    route = respx_mock.get(f"{API}/products").mock(side_effect=[
        httpx.Response(200, headers={"X-WP-Total": "3", "X-WP-TotalPages": "2"}, json=[_product(), _product(795, "Hoodie")]),
        httpx.Response(200, headers={"X-WP-Total": "3", "X-WP-TotalPages": "2"}, json=[_product(796, "Cap")]),
    ])
    action = catalog.action("woocommerce-list-products")
    first = await run_action(action, {"search": "tee", "status": "publish", "stockStatus": "instock", "limit": 2}, auth=AUTH)
    assert first.error is None, first.error
    assert_request(route.calls[0].request, "GET", "/products", params={
        "search": "tee", "status": "publish", "stock_status": "instock", "per_page": "2", "offset": "0"})
    assert first.ret["products"][0] == {
        "id": 794, "name": "Premium Quality", "type": "simple", "status": "publish", "sku": "TEE-1", "price": "21.99",
        "regular_price": "21.99", "sale_price": "", "stock_status": "instock", "stock_quantity": 12, "categories": ["Clothing"],
        "permalink": "https://shop.example.com/product/premium-quality-19/", "date_modified": "2026-12-02T10:00:00"}
    assert first.ret["next_cursor"] == "2" and first.ret["total"] == 3 and first.summary == "Listed 2 products of 3"
    second = await run_action(action, {"limit": 2, "cursor": "2"}, auth=AUTH)
    assert route.calls[1].request.url.params["offset"] == "2" and second.ret["next_cursor"] is None


async def test_get_product_and_full_response(catalog, respx_mock):
    route = respx_mock.get(f"{API}/products/794").mock(return_value=httpx.Response(200, json=_product()))
    action = catalog.action("woocommerce-get-product")
    result = await run_action(action, {"productId": 794}, auth=AUTH)
    assert_request(route.calls.last.request, "GET", "/products/794")
    assert result.ret["images"] == ["https://shop.example.com/wp-content/uploads/tee.jpg"]
    whole = await run_action(action, {"productId": 794, "fullResponse": True}, auth=AUTH)
    assert whole.ret == _product()


async def test_create_and_update_product(catalog, respx_mock):
    created = respx_mock.post(f"{API}/products").mock(return_value=httpx.Response(201, json=_product()))
    result = await run_action(catalog.action("woocommerce-create-product"), {
        "name": "Premium Quality", "type": "simple", "regularPrice": "21.99", "sku": "TEE-1", "stockQuantity": 12,
        "categoryIds": [9], "shortDescription": "<p>Tee.</p>"}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(created.calls.last.request, "POST", "/products", body={
        "name": "Premium Quality", "type": "simple", "sku": "TEE-1", "short_description": "<p>Tee.</p>",
        "regular_price": "21.99", "manage_stock": True, "stock_quantity": 12, "categories": [{"id": 9}]})
    assert result.summary == "Created the product 'Premium Quality' (ID 794)"

    updated = respx_mock.put(f"{API}/products/794").mock(return_value=httpx.Response(200, json={**_product(), "sale_price": "19.99"}))
    result = await run_action(catalog.action("woocommerce-update-product"), {"productId": 794, "salePrice": "19.99"}, auth=AUTH)
    assert_request(updated.calls.last.request, "PUT", "/products/794", body={"sale_price": "19.99"})
    assert result.ret["sale_price"] == "19.99"

    empty = await run_action(catalog.action("woocommerce-update-product"), {"productId": 794}, auth=AUTH)
    assert empty.error == "give at least one field to change, e.g. regularPrice or stockQuantity"


async def test_orders_list_get_and_status(catalog, respx_mock):
    listed = respx_mock.get(f"{API}/orders").mock(return_value=httpx.Response(200, headers={"X-WP-Total": "1"}, json=[_order()]))
    result = await run_action(catalog.action("woocommerce-list-orders"),
                              {"status": "processing", "customer": 25, "after": "2026-12-01T00:00:00"}, auth=AUTH)
    assert_request(listed.calls.last.request, "GET", "/orders", params={
        "status": "processing", "customer": "25", "after": "2026-12-01T00:00:00", "per_page": "25", "offset": "0"})
    assert result.ret["orders"][0]["billing_name"] == "John Doe" and result.ret["orders"][0]["items"] == [
        {"name": "Woo Single #1", "product_id": 93, "quantity": 2, "total": "6.00"}]

    got = respx_mock.get(f"{API}/orders/727").mock(return_value=httpx.Response(200, json=_order()))
    result = await run_action(catalog.action("woocommerce-get-order"), {"orderId": 727}, auth=AUTH)
    assert_request(got.calls.last.request, "GET", "/orders/727")
    assert result.ret["shipping"]["city"] == "San Francisco"

    updated = respx_mock.put(f"{API}/orders/727").mock(return_value=httpx.Response(200, json=_order(status="completed")))
    result = await run_action(catalog.action("woocommerce-update-order-status"), {"orderId": 727, "status": "completed"}, auth=AUTH)
    assert_request(updated.calls.last.request, "PUT", "/orders/727", body={"status": "completed"})
    assert result.summary == "Order #727 is now completed"


async def test_list_customers(catalog, respx_mock):
    route = respx_mock.get(f"{API}/customers").mock(return_value=httpx.Response(200, headers={"X-WP-Total": "1"}, json=[{
        "id": 25, "date_created": "2026-11-01T10:00:00", "email": "john.doe@example.com", "first_name": "John",
        "last_name": "Doe", "role": "customer", "username": "john.doe", "is_paying_customer": True,
        "billing": {"phone": "(555) 555-5555", "city": "San Francisco", "country": "US"}, "shipping": {},
        "avatar_url": "https://secure.gravatar.com/avatar/x"}]))
    result = await run_action(catalog.action("woocommerce-list-customers"), {"email": "john.doe@example.com"}, auth=AUTH)
    assert_request(route.calls.last.request, "GET", "/customers",
                   params={"email": "john.doe@example.com", "per_page": "25", "offset": "0"})
    assert result.ret["customers"][0]["city"] == "San Francisco" and result.ret["next_cursor"] is None


async def test_product_options_page_by_offset(catalog, respx_mock):
    route = respx_mock.get(f"{API}/products").mock(return_value=httpx.Response(200, json=[_product(), {"id": 9, "name": "Cap", "sku": ""}]))
    options = await fetch_options(catalog.action("woocommerce-get-product"), "productId", {}, auth=AUTH)
    assert options["options"] == [{"label": "Premium Quality (SKU TEE-1)", "value": 794}, {"label": "Cap", "value": 9}]
    assert options["context"] is None
    assert dict(route.calls.last.request.url.params) == {"per_page": "100", "offset": "0"}


async def test_errors_say_what_to_fix(catalog, respx_mock):
    respx_mock.get(f"{API}/orders/2").mock(return_value=httpx.Response(404, json={
        "code": "woocommerce_rest_shop_order_invalid_id", "message": "Invalid ID.", "data": {"status": 404}}))
    missing = await run_action(catalog.action("woocommerce-get-order"), {"orderId": 2}, auth=AUTH)
    assert "Invalid ID." in missing.error and "woocommerce-list-orders" in missing.error
    respx_mock.put(f"{API}/products/794").mock(return_value=httpx.Response(400, json={
        "code": "rest_invalid_param", "message": "Invalid parameter(s): status",
        "data": {"status": 400, "params": {"status": "status is not one of draft, pending, private, publish."}}}))
    bad = await run_action(catalog.action("woocommerce-update-product"), {"productId": 794, "sku": "X"}, auth=AUTH)
    assert "fix `status`: status is not one of draft" in bad.error
    respx_mock.get(f"{API}/orders/1").mock(return_value=httpx.Response(429, headers={"Retry-After": "15"}, text="Too Many Requests"))
    limited = await run_action(catalog.action("woocommerce-get-order"), {"orderId": 1}, auth=AUTH)
    assert "rate limited by WooCommerce; retry after 15 s" in limited.error
    wrong = await run_action(catalog.action("woocommerce-get-order"), {"orderId": 1}, auth={**AUTH, "store": "https://shop.example.com"})
    assert "enter only the store's domain" in wrong.error
