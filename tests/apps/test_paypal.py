import base64
import json
import sys
from urllib.parse import parse_qsl

import httpx
import pytest

from mcp_gateway.runtime.engine import fetch_options, run_action

API = "https://api-m.paypal.com"
SANDBOX = "https://api-m.sandbox.paypal.com"
AUTH = {"client_id": "AYSq3RDGsmBLJE-otTkBtM-jBRd1TCQwFf9RGfwddNXWz0uFU9ztymylOhRS", "client_secret": "EGnHDxD_qRPdaLdZz8iCr8N7_MzF-YHPTkjs6NKYQvQSBngp4PTTVWkPZRbL"}
BASIC = "Basic " + base64.b64encode(f"{AUTH['client_id']}:{AUTH['client_secret']}".encode()).decode()
TOKEN = "A21AAFEpH4PsADK7qSS7pSRsgzfENtu-Q1ysgEDVDESseMHBYXVJYE8ovjj68elIDy8nF26AwPhfXTIeWAZHSLIsQkSYz9ifg"
ORDER = "5O190127TN364715T"
CAPTURE = "3C679366HH908993F"
INVOICE = "INV2-Z56S-5LLA-Q52L-CPZ5"


@pytest.fixture(autouse=True)
def forget_tokens(catalog):
    """Each test starts without a held access token."""
    module = sys.modules[catalog.apps["paypal"].test.__module__]
    module._TOKENS.clear()
    yield
    module._TOKENS.clear()


def _token_answer(token=TOKEN):
    return {"scope": "https://uri.paypal.com/services/invoicing https://uri.paypal.com/services/reporting/search/read",
            "access_token": token, "token_type": "Bearer", "app_id": "APP-80W284485P519543T", "expires_in": 31668,
            "nonce": "2020-04-03T15:35:36ZaYZlGvEkV4yVSz8g6bAKFoGSEzuy3CQcz3ljhibkOHg"}


@pytest.fixture
def token(respx_mock):
    return respx_mock.post(f"{API}/v1/oauth2/token").mock(return_value=httpx.Response(200, json=_token_answer()))


def assert_request(request, method, path, *, params=None, body=None, base=API, token=TOKEN):
    assert request.method == method
    assert str(request.url.copy_with(query=None)) == f"{base}{path}"
    assert dict(request.url.params) == (params or {})
    assert request.headers["authorization"] == f"Bearer {token}"
    if body is None:
        assert request.content == b""
    else:
        assert json.loads(request.content) == body


def _order(status="PAYER_ACTION_REQUIRED", **extra):
    return {"id": ORDER, "intent": "CAPTURE", "status": status, "create_time": "2026-12-07T10:00:00Z",
            "purchase_units": [{"reference_id": "default", "amount": {"currency_code": "USD", "value": "100.00"},
                                "description": "Annual plan", "invoice_id": "INV-1042"}],
            "links": [{"href": f"{API}/v2/checkout/orders/{ORDER}", "rel": "self", "method": "GET"},
                      {"href": f"https://www.paypal.com/checkoutnow?token={ORDER}", "rel": "payer-action", "method": "GET"}],
            **extra}


def _capture(**extra):
    return {"id": CAPTURE, "status": "COMPLETED", "amount": {"currency_code": "USD", "value": "100.00"},
            "final_capture": True, "invoice_id": "INV-1042",
            "seller_protection": {"status": "ELIGIBLE", "dispute_categories": ["ITEM_NOT_RECEIVED"]},
            "seller_receivable_breakdown": {"gross_amount": {"currency_code": "USD", "value": "100.00"},
                                            "paypal_fee": {"currency_code": "USD", "value": "3.00"},
                                            "net_amount": {"currency_code": "USD", "value": "97.00"}},
            "create_time": "2026-12-07T10:05:00Z", "update_time": "2026-12-07T10:05:00Z", **extra}


async def test_create_order_gets_a_token_then_returns_the_approve_link(catalog, respx_mock, token):
    route = respx_mock.post(f"{API}/v2/checkout/orders").mock(return_value=httpx.Response(200, json=_order()))
    result = await run_action(catalog.action("paypal-create-order"), {
        "amount": "100.00", "currency": "usd", "description": "Annual plan", "invoiceId": "INV-1042",
        "returnUrl": "https://example.com/paid", "cancelUrl": "https://example.com/cart", "requestId": "order-1042"},
        auth=AUTH)
    assert result.error is None, result.error
    sent = token.calls.last.request
    assert sent.headers["authorization"] == BASIC
    assert dict(parse_qsl(sent.content.decode())) == {"grant_type": "client_credentials"}
    request = route.calls.last.request
    assert_request(request, "POST", "/v2/checkout/orders", body={
        "intent": "CAPTURE",
        "purchase_units": [{"amount": {"currency_code": "USD", "value": "100.00"}, "description": "Annual plan",
                            "invoice_id": "INV-1042"}],
        "payment_source": {"paypal": {"experience_context": {
            "return_url": "https://example.com/paid", "cancel_url": "https://example.com/cart", "user_action": "PAY_NOW"}}}})
    assert request.headers["paypal-request-id"] == "order-1042"
    assert result.ret["approve_url"] == f"https://www.paypal.com/checkoutnow?token={ORDER}"
    assert result.summary == f"Created the PayPal order {ORDER} for 100.00 USD"


async def test_the_token_is_reused_and_renewed_once_when_turned_down(catalog, respx_mock, token):
    route = respx_mock.get(f"{API}/v2/checkout/orders/{ORDER}").mock(side_effect=[
        httpx.Response(200, json=_order("APPROVED")),
        httpx.Response(401, json={"error": "invalid_token", "error_description": "Token signature verification failed"}),
        httpx.Response(200, json=_order("APPROVED")),
    ])
    action = catalog.action("paypal-get-order")
    await run_action(action, {"orderId": ORDER}, auth=AUTH)
    result = await run_action(action, {"orderId": ORDER}, auth=AUTH)
    assert result.error is None, result.error
    assert token.call_count == 2 and route.call_count == 3
    assert_request(route.calls.last.request, "GET", f"/v2/checkout/orders/{ORDER}")
    assert result.ret["status"] == "APPROVED" and result.summary == f"The PayPal order {ORDER} is APPROVED"


async def test_get_order_trims_unless_the_full_response_is_asked_for(catalog, respx_mock, token):
    order = _order("APPROVED", payer={"name": {"given_name": "John", "surname": "Doe"}, "email_address": "buyer@example.com",
                                      "payer_id": "QYR5Z8XDVJNXQ"})
    respx_mock.get(f"{API}/v2/checkout/orders/{ORDER}").mock(return_value=httpx.Response(200, json=order))
    result = await run_action(catalog.action("paypal-get-order"), {"orderId": ORDER}, auth=AUTH)
    assert result.ret["payer"] == {"email": "buyer@example.com", "payer_id": "QYR5Z8XDVJNXQ", "name": "John Doe"}
    assert "links" not in result.ret
    whole = await run_action(catalog.action("paypal-get-order"), {"orderId": ORDER, "fullResponse": True}, auth=AUTH)
    assert whole.ret == order


async def test_capture_order_returns_the_capture(catalog, respx_mock, token):
    captured = _order("COMPLETED", purchase_units=[{"reference_id": "default", "payments": {"captures": [_capture()]}}])
    route = respx_mock.post(f"{API}/v2/checkout/orders/{ORDER}/capture").mock(return_value=httpx.Response(201, json=captured))
    result = await run_action(catalog.action("paypal-capture-order"), {"orderId": ORDER, "requestId": "cap-1"}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "POST", f"/v2/checkout/orders/{ORDER}/capture")
    assert route.calls.last.request.headers["content-type"] == "application/json"
    assert route.calls.last.request.headers["paypal-request-id"] == "cap-1"
    assert result.ret["captures"][0]["id"] == CAPTURE and result.ret["captures"][0]["net_amount"]["value"] == "97.00"
    assert result.summary == f"Captured 100.00 USD for the order {ORDER}"


async def test_capturing_an_unapproved_order_says_to_send_the_buyer_first(catalog, respx_mock, token):
    respx_mock.post(f"{API}/v2/checkout/orders/{ORDER}/capture").mock(return_value=httpx.Response(422, json={
        "name": "UNPROCESSABLE_ENTITY",
        "details": [{"issue": "ORDER_NOT_APPROVED", "description": "Payer has not yet approved the Order for payment."}],
        "message": "The requested action could not be performed, semantically incorrect, or failed business validation.",
        "debug_id": "7a7ebc2ba3b05"}))
    result = await run_action(catalog.action("paypal-capture-order"), {"orderId": ORDER}, auth=AUTH)
    assert "PayPal API error 422" in result.error and "[debug_id 7a7ebc2ba3b05]" in result.error
    assert "send them to its approve link first" in result.error


async def test_get_capture(catalog, respx_mock, token):
    route = respx_mock.get(f"{API}/v2/payments/captures/{CAPTURE}").mock(return_value=httpx.Response(200, json=_capture()))
    result = await run_action(catalog.action("paypal-get-capture"), {"captureId": CAPTURE}, auth=AUTH)
    assert_request(route.calls.last.request, "GET", f"/v2/payments/captures/{CAPTURE}")
    assert result.ret["paypal_fee"] == {"currency_code": "USD", "value": "3.00"}
    assert result.summary == f"The capture {CAPTURE} of 100.00 USD is COMPLETED"


async def test_refund_capture_in_part_and_in_full(catalog, respx_mock, token):
    route = respx_mock.post(f"{API}/v2/payments/captures/{CAPTURE}/refund").mock(return_value=httpx.Response(201, json={
        "id": "1JU08902781691411", "status": "COMPLETED", "amount": {"value": "10.99", "currency_code": "USD"},
        "note_to_payer": "Defective product", "create_time": "2026-12-07T11:00:00Z",
        "links": [{"rel": "self", "method": "GET", "href": f"{API}/v2/payments/refunds/1JU08902781691411"}]}))
    action = catalog.action("paypal-refund-capture")
    result = await run_action(action, {"captureId": CAPTURE, "amount": "10.99", "currency": "USD",
                                       "noteToPayer": "Defective product"}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "POST", f"/v2/payments/captures/{CAPTURE}/refund", body={
        "amount": {"currency_code": "USD", "value": "10.99"}, "note_to_payer": "Defective product"})
    assert result.summary == "Refund 1JU08902781691411 of 10.99 USD is COMPLETED"
    await run_action(action, {"captureId": CAPTURE}, auth=AUTH)
    assert json.loads(route.calls.last.request.content) == {}
    partial = await run_action(action, {"captureId": CAPTURE, "amount": "5"}, auth=AUTH)
    assert "needs the currency too" in partial.error


def _invoice(invoice_id=INVOICE, status="DRAFT"):
    return {"id": invoice_id, "status": status,
            "detail": {"invoice_number": "#123", "invoice_date": "2026-12-07", "currency_code": "USD",
                       "payment_term": {"term_type": "NET_30", "due_date": "2027-01-06"},
                       "metadata": {"create_time": "2026-12-07T10:00:00Z",
                                    "recipient_view_url": f"https://www.paypal.com/invoice/p/#{invoice_id}"}},
            "invoicer": {"email_address": "merchant@example.com"},
            "primary_recipients": [{"billing_info": {"email_address": "bill-me@example.com",
                                                     "name": {"given_name": "Stephanie", "surname": "Meyers"}}}],
            "amount": {"currency_code": "USD", "value": "150.00"}, "due_amount": {"currency_code": "USD", "value": "150.00"},
            "links": [{"href": f"{API}/v2/invoicing/invoices/{invoice_id}", "rel": "self", "method": "GET"}]}


async def test_list_invoices_pages_by_page_number(catalog, respx_mock, token):
    route = respx_mock.get(f"{API}/v2/invoicing/invoices").mock(return_value=httpx.Response(200, json={
        "total_items": 3, "total_pages": 2, "items": [_invoice(), _invoice("INV2-2", "PAID")], "links": []}))
    result = await run_action(catalog.action("paypal-list-invoices"), {"limit": 2}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "GET", "/v2/invoicing/invoices",
                   params={"page": "1", "page_size": "2", "total_required": "true"})
    assert result.ret["invoices"][0] == {
        "id": INVOICE, "status": "DRAFT", "invoice_number": "#123", "invoice_date": "2026-12-07", "due_date": "2027-01-06",
        "currency_code": "USD", "amount": {"currency_code": "USD", "value": "150.00"},
        "due_amount": {"currency_code": "USD", "value": "150.00"}, "recipients": ["bill-me@example.com"],
        "payer_view_url": f"https://www.paypal.com/invoice/p/#{INVOICE}"}
    assert result.ret["next_cursor"] == "2" and result.ret["total"] == 3
    last = await run_action(catalog.action("paypal-list-invoices"), {"limit": 2, "cursor": "2"}, auth=AUTH)
    assert route.calls.last.request.url.params["page"] == "2" and last.ret["next_cursor"] is None


async def test_create_draft_invoice_and_send_it(catalog, respx_mock, token):
    created = respx_mock.post(f"{API}/v2/invoicing/invoices").mock(return_value=httpx.Response(201, json=_invoice()))
    result = await run_action(catalog.action("paypal-create-draft-invoice"), {
        "recipientEmail": "bill-me@example.com", "recipientGivenName": "Stephanie", "currency": "usd",
        "paymentTerm": "NET_30", "note": "Thank you for your business.",
        "items": [{"name": "Design work", "quantity": 2, "unitAmount": "75.00", "description": "Logo drafts"}]}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(created.calls.last.request, "POST", "/v2/invoicing/invoices", body={
        "detail": {"currency_code": "USD", "note": "Thank you for your business.", "payment_term": {"term_type": "NET_30"}},
        "primary_recipients": [{"billing_info": {"email_address": "bill-me@example.com", "name": {"given_name": "Stephanie"}}}],
        "items": [{"name": "Design work", "quantity": "2", "unit_amount": {"currency_code": "USD", "value": "75.00"},
                   "description": "Logo drafts"}]})
    assert created.calls.last.request.headers["prefer"] == "return=representation"
    assert result.ret["id"] == INVOICE and result.summary == f"Created the draft invoice {INVOICE} for bill-me@example.com"

    sent = respx_mock.post(f"{API}/v2/invoicing/invoices/{INVOICE}/send").mock(return_value=httpx.Response(200, json={
        "href": f"https://www.paypal.com/invoice/p/#{INVOICE}", "rel": "payer-view", "method": "GET"}))
    result = await run_action(catalog.action("paypal-send-invoice"), {"invoiceId": INVOICE, "subject": "Your invoice"},
                              auth=AUTH)
    assert_request(sent.calls.last.request, "POST", f"/v2/invoicing/invoices/{INVOICE}/send",
                   body={"send_to_recipient": True, "send_to_invoicer": False, "subject": "Your invoice"})
    assert result.ret == {"invoice_id": INVOICE, "sent": True, "payer_view_url": f"https://www.paypal.com/invoice/p/#{INVOICE}"}


async def test_invoice_options_page_through_the_invoices(catalog, respx_mock, token):
    route = respx_mock.get(f"{API}/v2/invoicing/invoices").mock(side_effect=[
        httpx.Response(200, json={"total_items": 2, "total_pages": 2, "items": [_invoice()]}),
        httpx.Response(200, json={"total_items": 2, "total_pages": 2, "items": [_invoice("INV2-2", "PAID")]}),
    ])
    action = catalog.action("paypal-send-invoice")
    first = await fetch_options(action, "invoiceId", {}, auth=AUTH)
    assert first["options"] == [{"label": "##123 · bill-me@example.com · 150.00 USD · DRAFT", "value": INVOICE}]
    assert first["context"] == {"page": 2}
    second = await fetch_options(action, "invoiceId", {}, auth=AUTH, page=1, prev_context=first["context"])
    assert second["context"] is None
    assert dict(route.calls[1].request.url.params) == {"page": "2", "page_size": "100", "total_required": "true"}


async def test_search_transactions_in_a_date_range(catalog, respx_mock, token):
    route = respx_mock.get(f"{API}/v1/reporting/transactions").mock(return_value=httpx.Response(200, json={
        "transaction_details": [{"transaction_info": {
            "paypal_account_id": "6STWC2LSUYYYE", "transaction_id": "5TY05013RG002845M", "transaction_event_code": "T0006",
            "transaction_initiation_date": "2026-12-02T10:00:00+0000", "transaction_updated_date": "2026-12-02T10:00:00+0000",
            "transaction_amount": {"currency_code": "USD", "value": "465.00"},
            "fee_amount": {"currency_code": "USD", "value": "-13.79"}, "transaction_status": "S",
            "invoice_id": "INV-1042"},
            "payer_info": {"account_id": "6STWC2LSUYYYE", "email_address": "buyer@example.com",
                           "payer_name": {"given_name": "John", "surname": "Doe", "alternate_full_name": "John Doe"}}}],
        "account_number": "XZXSPECPDZHZU", "start_date": "2026-12-01T00:00:00+0000", "end_date": "2026-12-07T00:00:00+0000",
        "last_refreshed_datetime": "2026-12-07T08:00:00+0000", "page": 1, "total_items": 1, "total_pages": 1}))
    result = await run_action(catalog.action("paypal-search-transactions"), {
        "startDate": "2026-12-01T00:00:00-0700", "endDate": "2026-12-07T00:00:00-0700", "transactionStatus": "S"}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "GET", "/v1/reporting/transactions", params={
        "start_date": "2026-12-01T00:00:00-0700", "end_date": "2026-12-07T00:00:00-0700",
        "fields": "transaction_info,payer_info", "page_size": "25", "page": "1", "transaction_status": "S"})
    assert result.ret["transactions"] == [{
        "transaction_id": "5TY05013RG002845M", "event_code": "T0006", "status": "S",
        "amount": {"currency_code": "USD", "value": "465.00"}, "fee": {"currency_code": "USD", "value": "-13.79"},
        "initiated": "2026-12-02T10:00:00+0000", "updated": "2026-12-02T10:00:00+0000", "invoice_id": "INV-1042",
        "custom_field": None, "subject": None, "note": None, "payer_email": "buyer@example.com", "payer_name": "John Doe"}]
    assert result.ret["next_cursor"] is None


async def test_search_transactions_refuses_more_than_31_days(catalog, respx_mock):
    result = await run_action(catalog.action("paypal-search-transactions"), {
        "startDate": "2026-10-01T00:00:00Z", "endDate": "2026-12-01T00:00:00Z"}, auth=AUTH)
    assert "at most 31 days" in result.error
    assert not respx_mock.calls


async def test_sandbox_credentials_go_to_the_sandbox(catalog, respx_mock):
    sandbox = {**AUTH, "environment": "sandbox"}
    token = respx_mock.post(f"{SANDBOX}/v1/oauth2/token").mock(return_value=httpx.Response(200, json=_token_answer("sbx")))
    route = respx_mock.get(f"{SANDBOX}/v2/payments/captures/{CAPTURE}").mock(return_value=httpx.Response(200, json=_capture()))
    result = await run_action(catalog.action("paypal-get-capture"), {"captureId": CAPTURE}, auth=sandbox)
    assert result.error is None, result.error
    assert token.called
    assert_request(route.calls.last.request, "GET", f"/v2/payments/captures/{CAPTURE}", base=SANDBOX, token="sbx")


async def test_wrong_client_credentials_and_a_rate_limit_say_what_to_do(catalog, respx_mock):
    token = respx_mock.post(f"{API}/v1/oauth2/token").mock(side_effect=[
        httpx.Response(401, json={"error": "invalid_client", "error_description": "Client Authentication failed"}),
        httpx.Response(200, json=_token_answer()),
    ])
    respx_mock.get(f"{API}/v2/payments/captures/{CAPTURE}").mock(return_value=httpx.Response(
        429, headers={"Retry-After": "30"}, json={"name": "RATE_LIMIT_REACHED", "message": "Too many requests.",
                                                   "debug_id": "90957fca61718"}))
    action = catalog.action("paypal-get-capture")
    wrong = await run_action(action, {"captureId": CAPTURE}, auth=AUTH)
    assert "invalid_client: Client Authentication failed" in wrong.error and "live or sandbox" in wrong.error
    limited = await run_action(action, {"captureId": CAPTURE}, auth=AUTH)
    assert "rate limited by PayPal; retry after 30 s" in limited.error
    assert token.call_count == 2


async def test_the_account_test_names_the_paypal_app(catalog, respx_mock, token):
    from mcp_gateway.catalog import AccountContext, AppHttp

    app = catalog.apps["paypal"]
    async with httpx.AsyncClient() as client:
        http = AppHttp(client, app_name=app.name, headers=app.headers_for(AUTH), base_url=app.base_url_for(AUTH),
                       allowed_domains=app.allowed_domains_for(AUTH))
        identity = await app.test(AccountContext(auth=AUTH, http=http))
    assert identity.external_id == "APP-80W284485P519543T"
    assert identity.name == "PayPal app APP-80W284485P519543T (live)"
