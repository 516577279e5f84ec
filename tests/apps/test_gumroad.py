import httpx

from mcp_gateway.runtime.engine import fetch_options, run_action

API = "https://api.gumroad.com/v2"
AUTH = {"access_token": "gr-token-1"}
PRODUCT = "A-m3CDDC5dlrSdKZp0RFhA=="
SALE = "B28UKN-dvxYabdavG97Y-Q=="


def assert_request(request, method, path, *, params=None, form=None):
    assert request.method == method
    assert str(request.url.copy_with(query=None)) == f"{API}{path}"
    assert dict(request.url.params) == (params or {})
    assert request.headers["authorization"] == "Bearer gr-token-1"
    if form is None:
        assert request.content == b""
    else:
        assert request.headers["content-type"] == "application/x-www-form-urlencoded"
        assert dict(httpx.QueryParams(request.content.decode())) == form


def _product(product_id=PRODUCT, name="Pencil Icon PSD"):
    return {"custom_permalink": None, "custom_receipt": None, "custom_summary": "You'll get one PSD file.",
            "customizable_price": None, "description": "I made this for fun.", "deleted": False, "max_purchase_count": None,
            "name": name, "preview_url": None, "require_shipping": False, "subscription_duration": None, "published": True,
            "url": "http://sahillavingia.com/pencil.psd", "id": product_id, "price": 100, "currency": "usd",
            "short_url": "https://sahil.gumroad.com/l/pencil", "thumbnail_url": None, "tags": ["psd"],
            "formatted_price": "$1", "sales_count": 3, "sales_usd_cents": 300, "is_tiered_membership": False,
            "recurrences": None, "variants": []}


def _sale(sale_id=SALE, email="calvin@gumroad.com"):
    return {"id": sale_id, "email": email, "seller_id": "RZ5IFLqDtrM23-tTUDgVOg==", "timestamp": "about 2 months ago",
            "daystamp": " 5 Jan 2026 11:38 AM", "created_at": "2026-01-05T19:38:56Z", "product_name": "Pencil Icon PSD",
            "product_has_variants": False, "price": 1000, "gumroad_fee": 60, "formatted_display_price": "$10",
            "formatted_total_price": "$10", "product_id": PRODUCT, "product_permalink": "pencil", "partially_refunded": False,
            "chargedback": False, "purchase_email": email, "paid": True, "order_id": 524459935, "refunded": False,
            "license_key": "83DB262A-C19D3B06-A5235A6B-8C079166", "quantity": 1, "variants_and_quantity": "",
            "custom_fields": []}


async def test_list_products_pages_the_one_answer(catalog, respx_mock):
    route = respx_mock.get(f"{API}/products").mock(return_value=httpx.Response(200, json={
        "success": True, "products": [_product(), _product("p2", "Brush Pack"), _product("p3", "Fonts")]}))
    action = catalog.action("gumroad-list-products")
    first = await run_action(action, {"limit": 2}, auth=AUTH)
    assert first.error is None, first.error
    assert_request(route.calls.last.request, "GET", "/products")
    assert first.ret["products"][0] == {
        "id": PRODUCT, "name": "Pencil Icon PSD", "formatted_price": "$1", "price": 100, "currency": "usd",
        "published": True, "short_url": "https://sahil.gumroad.com/l/pencil", "custom_permalink": None,
        "sales_count": 3, "sales_usd_cents": 300, "is_tiered_membership": False}
    assert first.ret["next_cursor"] == "2"
    second = await run_action(action, {"limit": 2, "cursor": "2"}, auth=AUTH)
    assert [p["id"] for p in second.ret["products"]] == ["p3"] and second.ret["next_cursor"] is None


async def test_get_product_and_its_options(catalog, respx_mock):
    route = respx_mock.get(f"{API}/products/A-m3CDDC5dlrSdKZp0RFhA%3D%3D").mock(
        return_value=httpx.Response(200, json={"success": True, "product": _product()}))
    action = catalog.action("gumroad-get-product")
    result = await run_action(action, {"productId": PRODUCT}, auth=AUTH)
    assert_request(route.calls.last.request, "GET", "/products/A-m3CDDC5dlrSdKZp0RFhA%3D%3D")
    assert result.ret["description"] == "I made this for fun." and result.summary == "Read the product 'Pencil Icon PSD'"
    whole = await run_action(action, {"productId": PRODUCT, "fullResponse": True}, auth=AUTH)
    assert whole.ret == {"success": True, "product": _product()}

    respx_mock.get(f"{API}/products").mock(return_value=httpx.Response(200, json={"success": True, "products": [_product()]}))
    options = await fetch_options(action, "productId", {}, auth=AUTH)
    assert options["options"] == [{"label": "Pencil Icon PSD", "value": PRODUCT}]


async def test_list_sales_follows_page_keys_and_resumes_mid_page(catalog, respx_mock):
    route = respx_mock.get(f"{API}/sales").mock(side_effect=[
        httpx.Response(200, json={"success": True, "next_page_url": "/v2/sales?page_key=20260105-1", "next_page_key": "20260105-1",
                                  "sales": [_sale("s1"), _sale("s2")]}),
        httpx.Response(200, json={"success": True, "sales": [_sale("s3"), _sale("s4")]}),
        httpx.Response(200, json={"success": True, "sales": [_sale("s3"), _sale("s4")]}),
    ])
    action = catalog.action("gumroad-list-sales")
    first = await run_action(action, {"productId": PRODUCT, "email": "calvin@gumroad.com", "after": "2026-01-01", "limit": 3}, auth=AUTH)
    assert first.error is None, first.error
    assert_request(route.calls[0].request, "GET", "/sales",
                   params={"product_id": PRODUCT, "email": "calvin@gumroad.com", "after": "2026-01-01"})
    assert_request(route.calls[1].request, "GET", "/sales", params={
        "product_id": PRODUCT, "email": "calvin@gumroad.com", "after": "2026-01-01", "page_key": "20260105-1"})
    assert [s["id"] for s in first.ret["sales"]] == ["s1", "s2", "s3"] and first.ret["next_cursor"] == "20260105-1~1"
    second = await run_action(action, {"limit": 3, "cursor": first.ret["next_cursor"]}, auth=AUTH)
    assert route.calls[2].request.url.params["page_key"] == "20260105-1"
    assert [s["id"] for s in second.ret["sales"]] == ["s4"] and second.ret["next_cursor"] is None


async def test_get_sale_and_refund_sale(catalog, respx_mock):
    got = respx_mock.get(f"{API}/sales/B28UKN-dvxYabdavG97Y-Q%3D%3D").mock(
        return_value=httpx.Response(200, json={"success": True, "sale": _sale()}))
    result = await run_action(catalog.action("gumroad-get-sale"), {"saleId": SALE}, auth=AUTH)
    assert_request(got.calls.last.request, "GET", "/sales/B28UKN-dvxYabdavG97Y-Q%3D%3D")
    assert result.ret["license_key"] == "83DB262A-C19D3B06-A5235A6B-8C079166"

    refunded = respx_mock.put(f"{API}/sales/B28UKN-dvxYabdavG97Y-Q%3D%3D/refund").mock(
        return_value=httpx.Response(200, json={"success": True, "sale": {**_sale(), "partially_refunded": True}}))
    result = await run_action(catalog.action("gumroad-refund-sale"), {"saleId": SALE, "amountCents": 500}, auth=AUTH)
    assert_request(refunded.calls.last.request, "PUT", "/sales/B28UKN-dvxYabdavG97Y-Q%3D%3D/refund", form={"amount_cents": "500"})
    assert result.ret["partially_refunded"] is True and result.summary == f"Refunded the sale {SALE} to calvin@gumroad.com"


async def test_list_subscribers_of_a_product(catalog, respx_mock):
    route = respx_mock.get(f"{API}/products/{PRODUCT.replace('=', '%3D')}/subscribers").mock(return_value=httpx.Response(200, json={
        "success": True, "subscribers": [{"id": "P5ppE6H8XIjy2JSCgUhbAw==", "product_id": PRODUCT, "product_name": "Membership",
                                          "user_id": "3523953790232", "user_email": "calvin@gumroad.com",
                                          "purchase_ids": [SALE], "created_at": "2026-01-05T19:38:56Z",
                                          "user_requested_cancellation_at": None, "charge_occurrence_count": None,
                                          "recurrence": "monthly", "cancelled_at": None, "ended_at": None, "failed_at": None,
                                          "free_trial_ends_at": None, "status": "alive"}]}))
    result = await run_action(catalog.action("gumroad-list-subscribers"), {"productId": PRODUCT, "email": "calvin@gumroad.com"}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "GET", f"/products/{PRODUCT.replace('=', '%3D')}/subscribers",
                   params={"paginated": "true", "email": "calvin@gumroad.com"})
    assert result.ret["subscribers"][0]["status"] == "alive" and result.ret["next_cursor"] is None


async def test_verify_license_and_an_unknown_key(catalog, respx_mock):
    route = respx_mock.post(f"{API}/licenses/verify").mock(side_effect=[
        httpx.Response(200, json={"success": True, "uses": 3, "purchase": {
            "seller_id": "kL0psVL2admJSYRNs-OCMg==", "product_id": PRODUCT, "product_name": "licenses demo product",
            "permalink": "QMGY", "email": "customer@example.com", "price": 0, "currency": "usd", "quantity": 1,
            "sale_id": SALE, "created_at": "2026-01-05T19:38:56Z", "license_key": "85DB562A-C11D4B06-A2335A6B-8C079166",
            "refunded": False, "disputed": False, "dispute_won": False, "chargebacked": False, "variants": "",
            "subscription_ended_at": None, "subscription_cancelled_at": None, "subscription_failed_at": None}}),
        httpx.Response(404, json={"success": False, "message": "That license does not exist for the provided product."}),
    ])
    action = catalog.action("gumroad-verify-license")
    result = await run_action(action, {"productId": PRODUCT, "licenseKey": " 85DB562A-C11D4B06-A2335A6B-8C079166 "}, auth=AUTH)
    assert_request(route.calls.last.request, "POST", "/licenses/verify", form={
        "product_id": PRODUCT, "license_key": "85DB562A-C11D4B06-A2335A6B-8C079166", "increment_uses_count": "false"})
    assert result.ret["valid"] is True and result.ret["uses"] == 3 and result.ret["purchase"]["refunded"] is False
    bad = await run_action(action, {"productId": PRODUCT, "licenseKey": "nope"}, auth=AUTH)
    assert "That license does not exist" in bad.error and "not valid for this product" in bad.error


async def test_get_user_and_a_rate_limit(catalog, respx_mock):
    route = respx_mock.get(f"{API}/user").mock(side_effect=[
        httpx.Response(200, json={"success": True, "user": {"bio": "a sailor", "name": "John Smith", "twitter_handle": None,
                                                             "user_id": "G_-mnBf9b1j9A7a4ub4nFQ==", "email": "johnsmith@gumroad.com",
                                                             "url": "https://johnsmith.gumroad.com"}}),
        httpx.Response(429, headers={"Retry-After": "20"}, json={"success": False, "message": "Too many requests"}),
    ])
    action = catalog.action("gumroad-get-user")
    result = await run_action(action, {}, auth=AUTH)
    assert_request(route.calls.last.request, "GET", "/user")
    assert result.ret["email"] == "johnsmith@gumroad.com" and result.summary == "Connected as johnsmith@gumroad.com"
    assert "rate limited by Gumroad; retry after 20 s" in (await run_action(action, {}, auth=AUTH)).error
