import json

import httpx

from mcp_gateway.runtime.engine import fetch_options, run_action

API = "https://connect.squareup.com"
AUTH = {"oauth_access_token": "EAAAl-square-token"}
LOCATION = "L88917AVBK2S5"
CUSTOMER = "JDKYHBWT1D4F8MFH63DBMEN8Y4"
PAYMENT = "bP9mAsEMYPUGjjGNaNO5ZDVyLhSZY"
ORDER = "CAISENgvlJ6jLWAzERDzjyHVybY"


def assert_request(request, method, path, *, params=None, body=None):
    assert request.method == method
    assert str(request.url.copy_with(query=None)) == f"{API}{path}"
    assert dict(request.url.params) == (params or {})
    assert request.headers["authorization"] == "Bearer EAAAl-square-token"
    assert request.headers["square-version"] == "2025-10-16"
    if body is None:
        assert request.content == b""
    else:
        assert json.loads(request.content) == body


def _customer(customer_id=CUSTOMER, **extra):
    return {"id": customer_id, "created_at": "2026-11-02T18:30:00.021Z", "updated_at": "2026-11-02T18:30:00Z",
            "given_name": "Amelia", "family_name": "Earhart", "email_address": "amelia@example.com",
            "phone_number": "+14155550123", "reference_id": "YOUR_REFERENCE_ID", "note": "a customer",
            "preferences": {"email_unsubscribed": False}, "creation_source": "THIRD_PARTY", "version": 0, **extra}


def _customer_summary(customer):
    return {k: customer.get(k) for k in ("id", "given_name", "family_name", "company_name", "email_address",
                                         "phone_number", "reference_id", "note", "version", "created_at", "updated_at")}


def _payment(payment_id=PAYMENT, **extra):
    return {"id": payment_id, "created_at": "2026-12-01T15:22:53.541Z", "updated_at": "2026-12-01T15:22:55.164Z",
            "amount_money": {"amount": 1000, "currency": "USD"}, "total_money": {"amount": 1000, "currency": "USD"},
            "approved_money": {"amount": 1000, "currency": "USD"}, "status": "COMPLETED", "source_type": "CARD",
            "card_details": {"status": "CAPTURED", "card": {"card_brand": "VISA", "last_4": "1111", "exp_month": 11,
                                                             "exp_year": 2028}, "entry_method": "KEYED"},
            "location_id": LOCATION, "order_id": ORDER, "receipt_number": "bP9m",
            "receipt_url": f"https://squareup.com/receipt/preview/{payment_id}", **extra}


def _order(**extra):
    return {"id": ORDER, "location_id": LOCATION, "state": "OPEN", "version": 1,
            "line_items": [{"uid": "8uSwfzvUImn3IRrvciqlXC", "name": "New York Strip Steak", "quantity": "1",
                            "base_price_money": {"amount": 1599, "currency": "USD"},
                            "total_money": {"amount": 1599, "currency": "USD"}}],
            "total_money": {"amount": 1599, "currency": "USD"}, "total_tax_money": {"amount": 0, "currency": "USD"},
            "total_discount_money": {"amount": 0, "currency": "USD"},
            "created_at": "2026-12-02T10:00:00.000Z", "updated_at": "2026-12-02T10:00:00.000Z", **extra}


async def test_list_locations_trims_each_location(catalog, respx_mock):
    route = respx_mock.get(f"{API}/v2/locations").mock(return_value=httpx.Response(200, json={"locations": [{
        "id": LOCATION, "name": "Coffee Shop", "address": {"address_line_1": "1234 Peachtree St. NE", "locality": "Atlanta",
                                                           "administrative_district_level_1": "GA", "postal_code": "30309"},
        "timezone": "America/New_York", "capabilities": ["CREDIT_CARD_PROCESSING"], "status": "ACTIVE",
        "created_at": "2016-09-19T17:33:12Z", "merchant_id": "3MYCJG5GVYQ8Q", "country": "US", "language_code": "en-US",
        "currency": "USD", "business_name": "Jet Coffee", "type": "PHYSICAL"}]}))
    result = await run_action(catalog.action("square-list-locations"), {}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "GET", "/v2/locations")
    assert result.ret == {"locations": [{
        "id": LOCATION, "name": "Coffee Shop", "business_name": "Jet Coffee", "status": "ACTIVE", "type": "PHYSICAL",
        "currency": "USD", "country": "US", "timezone": "America/New_York",
        "address": {"address_line_1": "1234 Peachtree St. NE", "locality": "Atlanta",
                    "administrative_district_level_1": "GA", "postal_code": "30309"}}]}
    assert result.summary == "Listed 1 location"


async def test_search_customers_filters_and_follows_cursors_up_to_the_limit(catalog, respx_mock):
    route = respx_mock.post(f"{API}/v2/customers/search").mock(side_effect=[
        httpx.Response(200, json={"customers": [_customer(), _customer("C2")], "cursor": "c2"}),
        httpx.Response(200, json={"customers": [_customer("C3")], "cursor": "c3"}),
    ])
    result = await run_action(catalog.action("square-search-customers"),
                              {"email": "example.com", "fuzzy": True, "limit": 3}, auth=AUTH)
    assert result.error is None, result.error
    query = {"filter": {"email_address": {"fuzzy": "example.com"}}, "sort": {"field": "CREATED_AT", "order": "DESC"}}
    assert_request(route.calls[0].request, "POST", "/v2/customers/search", body={"query": query, "limit": 3})
    assert_request(route.calls[1].request, "POST", "/v2/customers/search", body={"query": query, "limit": 1, "cursor": "c2"})
    assert [c["id"] for c in result.ret["customers"]] == [CUSTOMER, "C2", "C3"]
    assert result.ret["customers"][0] == _customer_summary(_customer())
    assert result.ret["next_cursor"] == "c3"


async def test_search_customers_from_a_cursor_by_exact_phone(catalog, respx_mock):
    route = respx_mock.post(f"{API}/v2/customers/search").mock(
        return_value=httpx.Response(200, json={"customers": [_customer()]}))
    result = await run_action(catalog.action("square-search-customers"),
                              {"phone": "+14155550123", "cursor": "c9"}, auth=AUTH)
    assert_request(route.calls.last.request, "POST", "/v2/customers/search", body={
        "query": {"filter": {"phone_number": {"exact": "+14155550123"}}, "sort": {"field": "CREATED_AT", "order": "DESC"}},
        "limit": 25, "cursor": "c9"})
    assert result.ret["next_cursor"] is None


async def test_get_customer_trims_unless_the_full_response_is_asked_for(catalog, respx_mock):
    route = respx_mock.get(f"{API}/v2/customers/{CUSTOMER}").mock(
        return_value=httpx.Response(200, json={"customer": _customer(birthday="1897-07-24")}))
    result = await run_action(catalog.action("square-get-customer"), {"customerId": CUSTOMER}, auth=AUTH)
    assert_request(route.calls.last.request, "GET", f"/v2/customers/{CUSTOMER}")
    assert result.ret["birthday"] == "1897-07-24" and "preferences" not in result.ret
    assert result.summary == "Read the customer Amelia Earhart"
    whole = await run_action(catalog.action("square-get-customer"), {"customerId": CUSTOMER, "fullResponse": True}, auth=AUTH)
    assert whole.ret == _customer(birthday="1897-07-24")


async def test_create_customer_sends_square_fields_and_the_idempotency_key(catalog, respx_mock):
    route = respx_mock.post(f"{API}/v2/customers").mock(return_value=httpx.Response(200, json={"customer": _customer()}))
    result = await run_action(catalog.action("square-create-customer"), {
        "givenName": "Amelia", "familyName": "Earhart", "emailAddress": "amelia@example.com",
        "address": {"address_line_1": "500 Electric Ave", "locality": "New York", "country": "US"},
        "idempotencyKey": "cust-1"}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "POST", "/v2/customers", body={
        "given_name": "Amelia", "family_name": "Earhart", "email_address": "amelia@example.com",
        "address": {"address_line_1": "500 Electric Ave", "locality": "New York", "country": "US"},
        "idempotency_key": "cust-1"})
    assert result.ret == _customer_summary(_customer())
    assert result.summary == f"Created the customer {CUSTOMER}"


async def test_create_customer_needs_a_name_or_contact(catalog, respx_mock):
    result = await run_action(catalog.action("square-create-customer"), {"note": "hello"}, auth=AUTH)
    assert "at least one of givenName" in result.error
    assert not respx_mock.calls


async def test_update_customer_sends_only_what_changes_with_the_version(catalog, respx_mock):
    route = respx_mock.put(f"{API}/v2/customers/{CUSTOMER}").mock(
        return_value=httpx.Response(200, json={"customer": _customer(note="VIP", version=3)}))
    result = await run_action(catalog.action("square-update-customer"),
                              {"customerId": CUSTOMER, "note": "VIP", "version": 2}, auth=AUTH)
    assert_request(route.calls.last.request, "PUT", f"/v2/customers/{CUSTOMER}", body={"note": "VIP", "version": 2})
    assert result.ret["note"] == "VIP" and result.ret["version"] == 3
    nothing = await run_action(catalog.action("square-update-customer"), {"customerId": CUSTOMER}, auth=AUTH)
    assert nothing.error.startswith("nothing to change")


async def test_list_payments_at_a_location_in_a_time_range(catalog, respx_mock):
    route = respx_mock.get(f"{API}/v2/payments").mock(
        return_value=httpx.Response(200, json={"payments": [_payment()], "cursor": "p2"}))
    result = await run_action(catalog.action("square-list-payments"), {
        "locationId": LOCATION, "beginTime": "2026-12-01T00:00:00Z", "limit": 1}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "GET", "/v2/payments", params={
        "sort_order": "DESC", "location_id": LOCATION, "begin_time": "2026-12-01T00:00:00Z", "limit": "1"})
    assert result.ret == {"payments": [{
        "id": PAYMENT, "status": "COMPLETED", "amount_money": {"amount": 1000, "currency": "USD"},
        "total_money": {"amount": 1000, "currency": "USD"}, "refunded_money": None, "source_type": "CARD",
        "card": {"brand": "VISA", "last_4": "1111"}, "location_id": LOCATION, "order_id": ORDER, "customer_id": None,
        "receipt_url": f"https://squareup.com/receipt/preview/{PAYMENT}", "note": None, "refund_ids": None,
        "created_at": "2026-12-01T15:22:53.541Z"}], "next_cursor": "p2"}


async def test_get_payment(catalog, respx_mock):
    route = respx_mock.get(f"{API}/v2/payments/{PAYMENT}").mock(return_value=httpx.Response(200, json={"payment": _payment()}))
    result = await run_action(catalog.action("square-get-payment"), {"paymentId": PAYMENT}, auth=AUTH)
    assert_request(route.calls.last.request, "GET", f"/v2/payments/{PAYMENT}")
    assert result.ret["card"] == {"brand": "VISA", "last_4": "1111"}
    assert result.summary == f"Read the completed payment {PAYMENT} of 1000 USD"


async def test_refund_payment_sends_money_in_the_smallest_unit(catalog, respx_mock):
    route = respx_mock.post(f"{API}/v2/refunds").mock(return_value=httpx.Response(200, json={"refund": {
        "id": f"{PAYMENT}_odDr", "status": "PENDING", "amount_money": {"amount": 250, "currency": "USD"},
        "payment_id": PAYMENT, "order_id": ORDER, "location_id": LOCATION, "reason": "Returned item",
        "created_at": "2026-12-03T09:00:00.000Z", "updated_at": "2026-12-03T09:00:00.000Z"}}))
    result = await run_action(catalog.action("square-refund-payment"), {
        "paymentId": PAYMENT, "amount": 250, "currency": "usd", "reason": "Returned item", "idempotencyKey": "r-1"}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "POST", "/v2/refunds", body={
        "idempotency_key": "r-1", "payment_id": PAYMENT, "amount_money": {"amount": 250, "currency": "USD"},
        "reason": "Returned item"})
    assert result.ret["status"] == "PENDING"
    assert result.summary == f"Refund {PAYMENT}_odDr of 250 USD is PENDING"


async def test_a_refund_larger_than_what_is_left_says_so(catalog, respx_mock):
    respx_mock.post(f"{API}/v2/refunds").mock(return_value=httpx.Response(400, json={"errors": [{
        "code": "REFUND_AMOUNT_INVALID", "detail": "The requested refund amount exceeds the amount available to refund.",
        "field": "amount_money.amount", "category": "REFUND_ERROR"}]}))
    result = await run_action(catalog.action("square-refund-payment"),
                              {"paymentId": PAYMENT, "amount": 99999, "currency": "USD"}, auth=AUTH)
    assert "Square API error 400" in result.error
    assert "(field amount_money.amount)" in result.error
    assert "more than what is left to refund" in result.error


async def test_search_orders_by_state_and_creation_time(catalog, respx_mock):
    route = respx_mock.post(f"{API}/v2/orders/search").mock(return_value=httpx.Response(200, json={"orders": [_order()]}))
    result = await run_action(catalog.action("square-search-orders"), {
        "locationIds": [LOCATION], "states": ["open"], "createdAfter": "2026-12-01T00:00:00Z", "limit": 10}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "POST", "/v2/orders/search", body={
        "location_ids": [LOCATION], "limit": 10,
        "query": {"filter": {"state_filter": {"states": ["OPEN"]},
                             "date_time_filter": {"created_at": {"start_at": "2026-12-01T00:00:00Z"}}},
                  "sort": {"sort_field": "CREATED_AT", "sort_order": "DESC"}}})
    assert result.ret["orders"][0]["line_items"] == [{
        "name": "New York Strip Steak", "quantity": "1", "catalog_object_id": None,
        "base_price_money": {"amount": 1599, "currency": "USD"}, "total_money": {"amount": 1599, "currency": "USD"}}]
    assert result.ret["next_cursor"] is None


async def test_get_order_lists_the_payments_that_paid_it(catalog, respx_mock):
    paid = _order(state="COMPLETED", tenders=[{"id": "t1", "type": "CARD", "payment_id": PAYMENT,
                                                "amount_money": {"amount": 1599, "currency": "USD"}}])
    route = respx_mock.get(f"{API}/v2/orders/{ORDER}").mock(return_value=httpx.Response(200, json={"order": paid}))
    result = await run_action(catalog.action("square-get-order"), {"orderId": ORDER}, auth=AUTH)
    assert_request(route.calls.last.request, "GET", f"/v2/orders/{ORDER}")
    assert result.ret["tender_payment_ids"] == [PAYMENT] and result.ret["state"] == "COMPLETED"


async def test_create_order_from_a_catalog_item_and_an_ad_hoc_line(catalog, respx_mock):
    route = respx_mock.post(f"{API}/v2/orders").mock(return_value=httpx.Response(200, json={"order": _order()}))
    result = await run_action(catalog.action("square-create-order"), {
        "locationId": LOCATION, "currency": "USD", "customerId": CUSTOMER, "idempotencyKey": "o-1",
        "lineItems": [{"catalog_object_id": "W62UWFY35CWMYGVWK6TWJDNI", "quantity": 2},
                      {"name": "Gift wrap", "quantity": 1, "amount": 500}]}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "POST", "/v2/orders", body={"idempotency_key": "o-1", "order": {
        "location_id": LOCATION, "customer_id": CUSTOMER,
        "line_items": [{"quantity": "2", "catalog_object_id": "W62UWFY35CWMYGVWK6TWJDNI"},
                       {"quantity": "1", "name": "Gift wrap", "base_price_money": {"amount": 500, "currency": "USD"}}]}})
    assert result.summary == f"Created the order {ORDER} for 1599 USD"


async def test_create_order_refuses_a_price_that_is_not_in_the_smallest_unit(catalog, respx_mock):
    result = await run_action(catalog.action("square-create-order"), {
        "locationId": LOCATION, "currency": "USD", "lineItems": [{"name": "Gift wrap", "quantity": 1, "amount": 4.99}]},
        auth=AUTH)
    assert "must be a whole number in the currency's smallest unit" in result.error
    assert not respx_mock.calls


async def test_list_invoices_of_a_location(catalog, respx_mock):
    route = respx_mock.get(f"{API}/v2/invoices").mock(return_value=httpx.Response(200, json={"invoices": [{
        "id": "inv:0-ChCHu2mZEabLeeHahQnXDjZQECY", "version": 0, "location_id": LOCATION, "order_id": ORDER,
        "payment_requests": [{"uid": "2da7964f", "request_type": "BALANCE", "due_date": "2026-12-24",
                              "computed_amount_money": {"amount": 1599, "currency": "USD"},
                              "total_completed_amount_money": {"amount": 0, "currency": "USD"}}],
        "invoice_number": "inv-100", "title": "Event Planning Services", "status": "UNPAID",
        "primary_recipient": {"customer_id": CUSTOMER, "given_name": "Amelia", "email_address": "amelia@example.com"},
        "public_url": "https://squareup.com/pay-invoice/h9sfsfTGTSnYEhISUDBhEQ",
        "created_at": "2026-12-01T10:00:00Z", "updated_at": "2026-12-01T10:00:00Z"}], "cursor": "i2"}))
    result = await run_action(catalog.action("square-list-invoices"), {"locationId": LOCATION, "limit": 1}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "GET", "/v2/invoices", params={"location_id": LOCATION, "limit": "1"})
    invoice = result.ret["invoices"][0]
    assert invoice["status"] == "UNPAID" and invoice["customer_id"] == CUSTOMER
    assert invoice["payment_requests"][0]["computed_amount_money"] == {"amount": 1599, "currency": "USD"}
    assert result.ret["next_cursor"] == "i2"


async def test_search_catalog_items_by_text(catalog, respx_mock):
    route = respx_mock.post(f"{API}/v2/catalog/search-catalog-items").mock(return_value=httpx.Response(200, json={
        "items": [{"type": "ITEM", "id": "W62UWFY35CWMYGVWK6TWJDNI", "updated_at": "2026-11-01T10:00:00Z", "version": 1,
                   "is_deleted": False, "present_at_all_locations": True,
                   "item_data": {"name": "Latte", "description": "Hot milk and espresso", "variations": [{
                       "type": "ITEM_VARIATION", "id": "AII5QNVAGSHGKZ6TGIDKJXHZ",
                       "item_variation_data": {"item_id": "W62UWFY35CWMYGVWK6TWJDNI", "name": "Regular", "sku": "LAT-R",
                                               "pricing_type": "FIXED_PRICING",
                                               "price_money": {"amount": 450, "currency": "USD"}}}]}}],
        "matched_variation_ids": ["AII5QNVAGSHGKZ6TGIDKJXHZ"]}))
    result = await run_action(catalog.action("square-search-catalog-items"), {"textFilter": "latte"}, auth=AUTH)
    assert_request(route.calls.last.request, "POST", "/v2/catalog/search-catalog-items",
                   body={"text_filter": "latte", "limit": 25})
    assert result.ret["items"] == [{"id": "W62UWFY35CWMYGVWK6TWJDNI", "name": "Latte", "description": "Hot milk and espresso",
                                    "variations": [{"id": "AII5QNVAGSHGKZ6TGIDKJXHZ", "name": "Regular", "sku": "LAT-R",
                                                    "price_money": {"amount": 450, "currency": "USD"}}],
                                    "updated_at": "2026-11-01T10:00:00Z"}]


async def test_location_and_customer_options(catalog, respx_mock):
    respx_mock.get(f"{API}/v2/locations").mock(return_value=httpx.Response(200, json={"locations": [
        {"id": LOCATION, "name": "Coffee Shop"}, {"id": "L2", "name": "Kiosk"}]}))
    page = await fetch_options(catalog.action("square-list-invoices"), "locationId", {}, auth=AUTH)
    assert page["options"] == [{"label": "Coffee Shop", "value": LOCATION}, {"label": "Kiosk", "value": "L2"}]

    customers = respx_mock.get(f"{API}/v2/customers").mock(side_effect=[
        httpx.Response(200, json={"customers": [_customer()], "cursor": "n2"}),
        httpx.Response(200, json={"customers": [_customer("C2", given_name=None, family_name=None, company_name="Acme",
                                                          email_address=None)]}),
    ])
    action = catalog.action("square-get-customer")
    first = await fetch_options(action, "customerId", {}, auth=AUTH)
    assert first["options"] == [{"label": "Amelia Earhart · amelia@example.com", "value": CUSTOMER}]
    assert first["context"] == {"cursor": "n2"}
    second = await fetch_options(action, "customerId", {}, auth=AUTH, page=1, prev_context=first["context"])
    assert second["options"] == [{"label": "Acme", "value": "C2"}] and second["context"] is None
    assert_request(customers.calls[1].request, "GET", "/v2/customers", params={"limit": "100", "cursor": "n2"})


async def test_a_rate_limit_and_a_missing_scope_say_what_to_do(catalog, respx_mock):
    respx_mock.get(f"{API}/v2/payments/{PAYMENT}").mock(side_effect=[
        httpx.Response(429, headers={"Retry-After": "7"}, json={"errors": [
            {"category": "RATE_LIMIT_ERROR", "code": "RATE_LIMITED", "detail": "Rate limit exceeded."}]}),
        httpx.Response(403, json={"errors": [{"category": "AUTHENTICATION_ERROR", "code": "INSUFFICIENT_SCOPES",
                                              "detail": "The merchant has not given your application sufficient permissions."}]}),
    ])
    action = catalog.action("square-get-payment")
    limited = await run_action(action, {"paymentId": PAYMENT}, auth=AUTH)
    assert "rate limited by Square; retry after 7 s" in limited.error
    scope = await run_action(action, {"paymentId": PAYMENT}, auth=AUTH)
    assert "reconnect Square and approve all it asks for" in scope.error


async def test_the_account_test_names_the_seller(catalog, respx_mock):
    from mcp_gateway.catalog import AccountContext, AppHttp

    route = respx_mock.get(f"{API}/v2/merchants/me").mock(return_value=httpx.Response(200, json={"merchant": {
        "id": "DM7VKY8Q63GNP", "business_name": "Apple A Day", "country": "US", "language_code": "en-US",
        "currency": "USD", "status": "ACTIVE", "main_location_id": LOCATION, "created_at": "2021-12-10T19:25:52.484Z"}}))
    app = catalog.apps["square"]
    async with httpx.AsyncClient() as client:
        http = AppHttp(client, app_name=app.name, headers=app.headers_for(AUTH), base_url=app.base_url_for(AUTH),
                       allowed_domains=app.allowed_domains_for(AUTH))
        identity = await app.test(AccountContext(auth=AUTH, http=http))
    assert_request(route.calls.last.request, "GET", "/v2/merchants/me")
    assert (identity.name, identity.external_id) == ("Apple A Day", "DM7VKY8Q63GNP")


async def test_payment_options_list_the_newest_payments(catalog, respx_mock):
    route = respx_mock.get(f"{API}/v2/payments").mock(return_value=httpx.Response(200, json={"payments": [_payment()]}))
    page = await fetch_options(catalog.action("square-refund-payment"), "paymentId", {}, auth=AUTH)
    assert_request(route.calls.last.request, "GET", "/v2/payments", params={"limit": "100", "sort_order": "DESC"})
    assert page["options"] == [{"label": "1000 USD · COMPLETED · 2026-12-01", "value": PAYMENT}] and page["context"] is None
