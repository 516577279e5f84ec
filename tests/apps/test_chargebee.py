import base64
from urllib.parse import parse_qsl

import httpx

from mcp_gateway.runtime.engine import fetch_options, run_action

API = "https://acme-test.chargebee.com/api/v2"
AUTH = {"api_key": "test_cb_key_1", "site": "acme-test"}


def assert_request(request, method, path, *, params=None, form=None):
    assert request.method == method
    assert str(request.url.copy_with(query=None)) == f"{API}{path}"
    assert dict(request.url.params) == (params or {})
    assert request.headers["authorization"] == "Basic " + base64.b64encode(b"test_cb_key_1:").decode()
    if form is None:
        assert request.content == b""
    else:
        assert request.headers["content-type"] == "application/x-www-form-urlencoded"
        assert dict(parse_qsl(request.content.decode())) == form


def _customer(customer_id="16CQtCTrgrYwi1n4e", email="ada@example.com"):
    return {"id": customer_id, "first_name": "Ada", "last_name": "Lovelace", "email": email, "company": "Analytical",
            "auto_collection": "on", "net_term_days": 0, "allow_direct_debit": False, "created_at": 1765000000,
            "taxability": "taxable", "updated_at": 1765000000, "pii_cleared": "active", "channel": "web",
            "resource_version": 1765000000000, "deleted": False, "object": "customer", "card_status": "valid",
            "promotional_credits": 0, "refundable_credits": 0, "excess_payments": 0, "unbilled_charges": 0,
            "preferred_currency_code": "USD"}


def _subscription(subscription_id="AzZlGJTrgrYyB2Xz", status="active"):
    return {"id": subscription_id, "billing_period": 1, "billing_period_unit": "month", "customer_id": "16CQtCTrgrYwi1n4e",
            "status": status, "current_term_start": 1765000000, "current_term_end": 1767600000,
            "next_billing_at": 1767600000, "created_at": 1765000000, "started_at": 1765000000, "activated_at": 1765000000,
            "currency_code": "USD", "object": "subscription", "deleted": False, "resource_version": 1765000000000,
            "subscription_items": [{"item_price_id": "basic-USD-monthly", "item_type": "plan", "quantity": 1,
                                    "unit_price": 1000, "amount": 1000, "free_quantity": 0, "object": "subscription_item"}]}


async def test_list_customers_filters_and_pages_with_next_offset(catalog, respx_mock):
    route = respx_mock.get(f"{API}/customers").mock(side_effect=[
        httpx.Response(200, json={"list": [{"customer": _customer()}], "next_offset": "[\"1765000000000\",\"230000001\"]"}),
        httpx.Response(200, json={"list": [{"customer": _customer("cust_2", "bob@example.com")}]}),
    ])
    action = catalog.action("chargebee-list-customers")
    first = await run_action(action, {"email": "ada@example.com", "limit": 1}, auth=AUTH)
    assert first.error is None, first.error
    assert_request(route.calls[0].request, "GET", "/customers",
                   params={"sort_by[desc]": "created_at", "email[is]": "ada@example.com", "limit": "1"})
    assert first.ret == {"customers": [{"id": "16CQtCTrgrYwi1n4e", "first_name": "Ada", "last_name": "Lovelace",
                                        "email": "ada@example.com", "company": "Analytical", "phone": None,
                                        "auto_collection": "on", "created_at": 1765000000, "deleted": False}],
                         "next_cursor": "[\"1765000000000\",\"230000001\"]"}
    second = await run_action(action, {"limit": 1, "cursor": first.ret["next_cursor"]}, auth=AUTH)
    assert_request(route.calls[1].request, "GET", "/customers", params={
        "sort_by[desc]": "created_at", "limit": "1", "offset": "[\"1765000000000\",\"230000001\"]"})
    assert second.ret["next_cursor"] is None and second.ret["customers"][0]["id"] == "cust_2"


async def test_retrieve_customer_and_full_response(catalog, respx_mock):
    answer = {"customer": _customer(), "card": {"status": "valid", "gateway": "stripe", "card_type": "visa", "last4": "1111",
                                                "expiry_month": 12, "expiry_year": 2028, "object": "card"}}
    route = respx_mock.get(f"{API}/customers/16CQtCTrgrYwi1n4e").mock(return_value=httpx.Response(200, json=answer))
    action = catalog.action("chargebee-retrieve-customer")
    result = await run_action(action, {"customerId": "16CQtCTrgrYwi1n4e"}, auth=AUTH)
    assert_request(route.calls.last.request, "GET", "/customers/16CQtCTrgrYwi1n4e")
    assert result.ret["card"] == {"card_type": "visa", "last4": "1111", "expiry_month": 12, "expiry_year": 2028}
    assert result.summary == "Read the customer ada@example.com"
    whole = await run_action(action, {"customerId": "16CQtCTrgrYwi1n4e", "fullResponse": True}, auth=AUTH)
    assert whole.ret == answer


async def test_create_customer_sends_a_form(catalog, respx_mock):
    route = respx_mock.post(f"{API}/customers").mock(return_value=httpx.Response(200, json={"customer": _customer()}))
    result = await run_action(catalog.action("chargebee-create-customer"), {
        "firstName": "Ada", "lastName": "Lovelace", "email": "ada@example.com", "company": "Analytical",
        "autoCollection": "off"}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "POST", "/customers", form={
        "first_name": "Ada", "last_name": "Lovelace", "email": "ada@example.com", "company": "Analytical",
        "auto_collection": "off"})
    assert result.ret["id"] == "16CQtCTrgrYwi1n4e" and result.summary == "Created the customer 16CQtCTrgrYwi1n4e"


async def test_create_customer_needs_a_name_or_email(catalog, respx_mock):
    result = await run_action(catalog.action("chargebee-create-customer"), {"phone": "+1 555 0100"}, auth=AUTH)
    assert result.error == "give the customer a name, an email or a company"
    assert not respx_mock.calls


async def test_list_and_retrieve_subscriptions(catalog, respx_mock):
    listed = respx_mock.get(f"{API}/subscriptions").mock(return_value=httpx.Response(200, json={
        "list": [{"subscription": _subscription(), "customer": _customer()}]}))
    result = await run_action(catalog.action("chargebee-list-subscriptions"),
                              {"customerId": "16CQtCTrgrYwi1n4e", "status": "active"}, auth=AUTH)
    assert_request(listed.calls.last.request, "GET", "/subscriptions", params={
        "sort_by[desc]": "created_at", "customer_id[is]": "16CQtCTrgrYwi1n4e", "status[is]": "active", "limit": "25"})
    assert result.ret["subscriptions"][0]["items"] == [
        {"item_price_id": "basic-USD-monthly", "item_type": "plan", "quantity": 1, "unit_price": 1000}]

    got = respx_mock.get(f"{API}/subscriptions/AzZlGJTrgrYyB2Xz").mock(return_value=httpx.Response(200, json={
        "subscription": _subscription(), "customer": _customer()}))
    result = await run_action(catalog.action("chargebee-retrieve-subscription"), {"subscriptionId": "AzZlGJTrgrYyB2Xz"}, auth=AUTH)
    assert_request(got.calls.last.request, "GET", "/subscriptions/AzZlGJTrgrYyB2Xz")
    assert result.ret["status"] == "active" and result.ret["customer"]["email"] == "ada@example.com"


async def test_cancel_subscription_at_end_of_term(catalog, respx_mock):
    route = respx_mock.post(f"{API}/subscriptions/AzZlGJTrgrYyB2Xz/cancel_for_items").mock(return_value=httpx.Response(
        200, json={"subscription": _subscription(status="non_renewing"), "customer": _customer()}))
    result = await run_action(catalog.action("chargebee-cancel-subscription"), {
        "subscriptionId": "AzZlGJTrgrYyB2Xz", "cancelOption": "end_of_term", "cancelReasonCode": "too-expensive"}, auth=AUTH)
    assert_request(route.calls.last.request, "POST", "/subscriptions/AzZlGJTrgrYyB2Xz/cancel_for_items",
                   form={"cancel_option": "end_of_term", "cancel_reason_code": "too-expensive"})
    assert result.summary == "Cancelled the subscription AzZlGJTrgrYyB2Xz; it is now non_renewing"

    await run_action(catalog.action("chargebee-cancel-subscription"), {"subscriptionId": "AzZlGJTrgrYyB2Xz"}, auth=AUTH)
    assert dict(parse_qsl(route.calls.last.request.content.decode())) == {"cancel_option": "immediately"}


async def test_list_invoices_and_item_prices(catalog, respx_mock):
    invoices = respx_mock.get(f"{API}/invoices").mock(return_value=httpx.Response(200, json={"list": [{"invoice": {
        "id": "inv_1", "customer_id": "16CQtCTrgrYwi1n4e", "subscription_id": "AzZlGJTrgrYyB2Xz", "recurring": True,
        "status": "paid", "date": 1765000000, "due_date": 1765000000, "paid_at": 1765000100, "total": 1000,
        "amount_paid": 1000, "amount_due": 0, "currency_code": "USD", "object": "invoice"}}]}))
    result = await run_action(catalog.action("chargebee-list-invoices"), {"status": "paid", "limit": 10}, auth=AUTH)
    assert_request(invoices.calls.last.request, "GET", "/invoices",
                   params={"sort_by[desc]": "date", "status[is]": "paid", "limit": "10"})
    assert result.ret["invoices"][0]["total"] == 1000 and result.ret["next_cursor"] is None

    prices = respx_mock.get(f"{API}/item_prices").mock(return_value=httpx.Response(200, json={"list": [{"item_price": {
        "id": "basic-USD-monthly", "name": "Basic USD Monthly", "pricing_model": "per_unit", "price": 1000, "period": 1,
        "period_unit": "month", "item_id": "basic", "item_type": "plan", "currency_code": "USD", "status": "active",
        "object": "item_price"}}]}))
    result = await run_action(catalog.action("chargebee-list-item-prices"), {"itemType": "plan", "status": "active"}, auth=AUTH)
    assert_request(prices.calls.last.request, "GET", "/item_prices",
                   params={"item_type[is]": "plan", "status[is]": "active", "limit": "25"})
    assert result.ret["item_prices"][0] == {"id": "basic-USD-monthly", "name": "Basic USD Monthly", "item_id": "basic",
                                            "item_type": "plan", "status": "active", "pricing_model": "per_unit",
                                            "price": 1000, "currency_code": "USD", "period": 1, "period_unit": "month"}


async def test_customer_options_page_by_offset(catalog, respx_mock):
    route = respx_mock.get(f"{API}/customers").mock(side_effect=[
        httpx.Response(200, json={"list": [{"customer": _customer()}], "next_offset": "[\"1\",\"2\"]"}),
        httpx.Response(200, json={"list": [{"customer": {"id": "cust_2", "company": "Globex"}}]}),
    ])
    action = catalog.action("chargebee-retrieve-customer")
    first = await fetch_options(action, "customerId", {}, auth=AUTH)
    assert first["options"] == [{"label": "Ada Lovelace · ada@example.com", "value": "16CQtCTrgrYwi1n4e"}]
    second = await fetch_options(action, "customerId", {}, auth=AUTH, page=1, prev_context=first["context"])
    assert second["options"] == [{"label": "Globex", "value": "cust_2"}] and second["context"] is None
    assert dict(route.calls[1].request.url.params) == {"limit": "100", "offset": "[\"1\",\"2\"]"}


async def test_errors_say_what_to_do(catalog, respx_mock):
    respx_mock.get(f"{API}/subscriptions/nope").mock(side_effect=[
        httpx.Response(404, json={"message": "Sorry, we couldn't find that resource", "type": "invalid_request",
                                  "api_error_code": "resource_not_found", "error_code": "resource_not_found",
                                  "http_status_code": 404}),
        httpx.Response(429, headers={"Retry-After": "30"}, json={
            "message": "Sorry, access has been blocked temporarily due to request count exceeding acceptable limits.",
            "api_error_code": "api_request_limit_exceeded", "http_status_code": 429}),
    ])
    action = catalog.action("chargebee-retrieve-subscription")
    assert "chargebee-list-subscriptions" in (await run_action(action, {"subscriptionId": "nope"}, auth=AUTH)).error
    assert "rate limited by Chargebee; retry after 30 s" in (await run_action(action, {"subscriptionId": "nope"}, auth=AUTH)).error
    bad = await run_action(action, {"subscriptionId": "x"}, auth={**AUTH, "site": "acme.chargebee.com"})
    assert "enter only the first part" in bad.error
