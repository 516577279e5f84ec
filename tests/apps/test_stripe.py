"""Stripe actions at the HTTP boundary: form-encoded requests with bracket notation, the pinned
API version, idempotency keys on creates, and answers shaped like Stripe's API reference."""

import json
import re

import httpx
import pytest

from mcp_gateway.catalog import AppHttp, Identity, UpstreamError
from mcp_gateway.catalog.context import AccountContext
from mcp_gateway.runtime.engine import fetch_options, run_action

API = "https://api.stripe.com/v1"
KEY = "sk_test_4eC39HqLyjWDarjtT1zdp7dc"
AUTH = {"api_key": KEY}
CUSTOMER = "cus_NffrFeUfNV2Hib"
UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")


def form_of(request):
    return httpx.QueryParams(request.content.decode()).multi_items()


def assert_stripe(request, method, path, *, query=None, form=None, idempotency=None):
    assert request.method == method
    assert str(request.url.copy_with(query=None)) == f"{API}{path}"
    assert request.url.params.multi_items() == list((query or {}).items())
    assert request.headers["authorization"] == f"Bearer {KEY}"
    assert request.headers["stripe-version"] == "2024-06-20"
    if form is not None:
        assert request.headers["content-type"] == "application/x-www-form-urlencoded"
        assert form_of(request) == list(form.items())
    else:
        assert request.content == b""
    if idempotency is None:
        assert "idempotency-key" not in request.headers
    elif idempotency == "random":
        assert UUID.match(request.headers["idempotency-key"])
    else:
        assert request.headers["idempotency-key"] == idempotency


def _customer(customer_id=CUSTOMER, name="Jenny Rosen", email="jennyrosen@example.com", **extra):
    return {
        "id": customer_id,
        "object": "customer",
        "address": None,
        "balance": 0,
        "created": 1680893993,
        "currency": None,
        "default_source": None,
        "delinquent": False,
        "description": None,
        "discount": None,
        "email": email,
        "invoice_prefix": "0759376C",
        "invoice_settings": {"custom_fields": None, "default_payment_method": None, "footer": None, "rendering_options": None},
        "livemode": False,
        "metadata": {},
        "name": name,
        "next_invoice_sequence": 1,
        "phone": None,
        "preferred_locales": [],
        "shipping": None,
        "tax_exempt": "none",
        "test_clock": None,
        **extra,
    }


def _payment_intent(status="requires_payment_method", **extra):
    return {
        "id": "pi_3MtwBwLkdIwHu7ix28a3tqPa",
        "object": "payment_intent",
        "amount": 2000,
        "amount_capturable": 0,
        "amount_details": {"tip": {}},
        "amount_received": 0,
        "application": None,
        "automatic_payment_methods": {"enabled": True},
        "canceled_at": None,
        "capture_method": "automatic",
        "client_secret": "pi_3MtwBwLkdIwHu7ix28a3tqPa_secret_YrKJUKribcBjcG8HVhfZluoGH",
        "confirmation_method": "automatic",
        "created": 1680800504,
        "currency": "usd",
        "customer": None,
        "description": None,
        "last_payment_error": None,
        "latest_charge": None,
        "livemode": False,
        "metadata": {},
        "next_action": None,
        "payment_method": None,
        "payment_method_types": ["card", "link"],
        "receipt_email": None,
        "status": status,
        **extra,
    }


def _invoice(status="draft", **extra):
    return {
        "id": "in_1MtHbELkdIwHu7ixl4OzzPMv",
        "object": "invoice",
        "account_country": "US",
        "account_name": "Stripe Docs",
        "amount_due": 0,
        "amount_paid": 0,
        "amount_remaining": 0,
        "auto_advance": False,
        "collection_method": "send_invoice",
        "created": 1680644467,
        "currency": "usd",
        "customer": CUSTOMER,
        "customer_email": "jennyrosen@example.com",
        "customer_name": "Jenny Rosen",
        "description": None,
        "due_date": 1683236467,
        "hosted_invoice_url": None,
        "invoice_pdf": None,
        "lines": {"object": "list", "data": [], "has_more": False, "total_count": 0, "url": "/v1/invoices/in_1MtHbELkdIwHu7ixl4OzzPMv/lines"},
        "livemode": False,
        "metadata": {},
        "number": None,
        "payment_intent": None,
        "status": status,
        "subtotal": 0,
        "total": 0,
        **extra,
    }


def _open_invoice():
    return _invoice(
        status="open",
        number="0759376C-0001",
        amount_due=15000,
        amount_remaining=15000,
        subtotal=15000,
        total=15000,
        hosted_invoice_url="https://invoice.stripe.com/i/acct_1M2JTkLkdIwHu7ix/test_YWNjdF8xTTJKVGtMa2RJd0h1N2l4",
        invoice_pdf="https://pay.stripe.com/invoice/acct_1M2JTkLkdIwHu7ix/test_YWNjdF8xTTJKVGtMa2RJd0h1N2l4/pdf",
        payment_intent="pi_3MtHbFLkdIwHu7ix0vdf8j8R",
        lines={"object": "list", "has_more": False, "total_count": 1, "url": "/v1/invoices/in_1MtHbELkdIwHu7ixl4OzzPMv/lines",
               "data": [{"id": "il_1MtHbFLkdIwHu7ixWZaqhrNz", "object": "line_item", "amount": 15000, "currency": "usd",
                         "description": "Setup fee", "quantity": 1, "type": "invoiceitem"}]},
    )


def _price(price_id="price_1MoBy5LkdIwHu7ixZhnattbh", *, product="prod_NWjs8kKbJWmuuc", amount=1000, recurring=None, **extra):
    return {
        "id": price_id,
        "object": "price",
        "active": True,
        "billing_scheme": "per_unit",
        "created": 1679431181,
        "currency": "usd",
        "custom_unit_amount": None,
        "livemode": False,
        "lookup_key": None,
        "metadata": {},
        "nickname": None,
        "product": product,
        "recurring": recurring,
        "tax_behavior": "unspecified",
        "tiers_mode": None,
        "transform_quantity": None,
        "type": "recurring" if recurring else "one_time",
        "unit_amount": amount,
        "unit_amount_decimal": str(amount),
        **extra,
    }


def _recurring(interval="month", count=1):
    return {"aggregate_usage": None, "interval": interval, "interval_count": count, "trial_period_days": None, "usage_type": "licensed"}


def _product(product_id="prod_NWjs8kKbJWmuuc", name="Gold Plan", **extra):
    return {
        "id": product_id,
        "object": "product",
        "active": True,
        "created": 1678833149,
        "default_price": None,
        "description": None,
        "images": [],
        "livemode": False,
        "metadata": {},
        "name": name,
        "tax_code": None,
        "type": "service",
        "updated": 1678833149,
        "url": None,
        **extra,
    }


def _list(data, url, has_more=False):
    return {"object": "list", "url": url, "has_more": has_more, "data": data}


# Customers


async def test_create_customer_sends_form_fields_with_metadata_brackets_and_an_idempotency_key(catalog, respx_mock):
    route = respx_mock.post(f"{API}/customers").mock(
        return_value=httpx.Response(200, json=_customer(phone="+15555550123", metadata={"user_id": "u_42", "plan": "pro"}))
    )
    result = await run_action(
        catalog.action("stripe-create-customer"),
        {"email": "jennyrosen@example.com", "name": "Jenny Rosen", "phone": "+15555550123",
         "metadata": {"user_id": "u_42", "plan": "pro"}, "idempotencyKey": "signup-u_42"},
        auth=AUTH,
    )
    assert result.error is None, result.error
    assert_stripe(
        route.calls.last.request, "POST", "/customers",
        form={"email": "jennyrosen@example.com", "name": "Jenny Rosen", "phone": "+15555550123",
              "metadata[user_id]": "u_42", "metadata[plan]": "pro"},
        idempotency="signup-u_42",
    )
    assert result.ret["id"] == CUSTOMER
    assert result.ret["metadata"] == {"user_id": "u_42", "plan": "pro"}
    assert result.summary == f"Created customer {CUSTOMER} (Jenny Rosen)"


async def test_create_customer_makes_up_a_fresh_idempotency_key(catalog, respx_mock):
    route = respx_mock.post(f"{API}/customers").mock(return_value=httpx.Response(200, json=_customer(name=None)))
    action = catalog.action("stripe-create-customer")
    first = await run_action(action, {"email": "jennyrosen@example.com"}, auth=AUTH)
    second = await run_action(action, {"email": "jennyrosen@example.com"}, auth=AUTH)
    assert first.error is None and second.error is None
    assert_stripe(route.calls[0].request, "POST", "/customers", form={"email": "jennyrosen@example.com"}, idempotency="random")
    keys = {call.request.headers["idempotency-key"] for call in route.calls}
    assert len(keys) == 2
    assert first.summary == f"Created customer {CUSTOMER} (jennyrosen@example.com)"


async def test_update_customer_posts_only_the_changes_and_keeps_empty_metadata_values(catalog, respx_mock):
    route = respx_mock.post(f"{API}/customers/{CUSTOMER}").mock(
        return_value=httpx.Response(200, json=_customer(email="jenny@example.org", metadata={"plan": "team"}))
    )
    result = await run_action(
        catalog.action("stripe-update-customer"),
        {"customer": CUSTOMER, "email": "jenny@example.org", "metadata": {"plan": "team", "legacy_id": ""}},
        auth=AUTH,
    )
    assert result.error is None, result.error
    assert_stripe(route.calls.last.request, "POST", f"/customers/{CUSTOMER}",
                  form={"email": "jenny@example.org", "metadata[plan]": "team", "metadata[legacy_id]": ""})
    assert result.ret["email"] == "jenny@example.org"
    assert result.summary == f"Updated customer {CUSTOMER} (email, metadata)"


async def test_update_customer_needs_something_to_change(catalog, respx_mock):
    result = await run_action(catalog.action("stripe-update-customer"), {"customer": CUSTOMER}, auth=AUTH)
    assert "give at least one value to change" in result.error
    assert not respx_mock.calls


async def test_retrieve_customer(catalog, respx_mock):
    route = respx_mock.get(f"{API}/customers/{CUSTOMER}").mock(return_value=httpx.Response(200, json=_customer(balance=-500, currency="usd")))
    result = await run_action(catalog.action("stripe-retrieve-customer"), {"customer": CUSTOMER}, auth=AUTH)
    assert result.error is None, result.error
    assert_stripe(route.calls.last.request, "GET", f"/customers/{CUSTOMER}")
    assert result.ret == {
        "id": CUSTOMER, "name": "Jenny Rosen", "email": "jennyrosen@example.com", "phone": None, "description": None,
        "currency": "usd", "balance": -500, "delinquent": False, "metadata": {}, "created": 1680893993, "livemode": False,
    }
    assert result.summary == f"Retrieved customer {CUSTOMER} (jennyrosen@example.com)"


async def test_retrieve_customer_reports_a_deleted_customer(catalog, respx_mock):
    respx_mock.get(f"{API}/customers/{CUSTOMER}").mock(
        return_value=httpx.Response(200, json={"id": CUSTOMER, "object": "customer", "deleted": True})
    )
    result = await run_action(catalog.action("stripe-retrieve-customer"), {"customer": CUSTOMER}, auth=AUTH)
    assert result.ret == {"id": CUSTOMER, "deleted": True}
    assert result.summary == f"Customer {CUSTOMER} has been deleted"


async def test_search_customers_builds_a_query_from_email_and_name(catalog, respx_mock):
    route = respx_mock.get(f"{API}/customers/search").mock(
        return_value=httpx.Response(200, json={"object": "search_result", "url": "/v1/customers/search", "has_more": True,
                                               "next_page": "WzE2ODA1Njk2MTZd", "data": [_customer()]})
    )
    result = await run_action(
        catalog.action("stripe-search-customers"), {"email": "jennyrosen@example.com", "name": "Jen'ny", "limit": 1}, auth=AUTH,
    )
    assert result.error is None, result.error
    query = "email:'jennyrosen@example.com' AND name~'Jen\\'ny'"
    assert_stripe(route.calls.last.request, "GET", "/customers/search", query={"query": query, "limit": "1"})
    assert result.ret["query"] == query
    assert [c["id"] for c in result.ret["customers"]] == [CUSTOMER]
    assert "invoice_prefix" not in result.ret["customers"][0]
    assert result.ret["next_cursor"] == "WzE2ODA1Njk2MTZd"
    assert result.summary == f"Found 1 customer for {query} (more available)"


async def test_search_customers_passes_a_raw_query_and_the_cursor_as_page(catalog, respx_mock):
    route = respx_mock.get(f"{API}/customers/search").mock(
        return_value=httpx.Response(200, json={"object": "search_result", "url": "/v1/customers/search", "has_more": False,
                                               "next_page": None, "data": []})
    )
    result = await run_action(
        catalog.action("stripe-search-customers"), {"query": "metadata['plan']:'pro'", "cursor": "WzE2ODA1Njk2MTZd"}, auth=AUTH,
    )
    assert_stripe(route.calls.last.request, "GET", "/customers/search",
                  query={"query": "metadata['plan']:'pro'", "limit": "25", "page": "WzE2ODA1Njk2MTZd"})
    assert result.ret == {"query": "metadata['plan']:'pro'", "customers": [], "next_cursor": None}
    assert result.summary == "Found 0 customers for metadata['plan']:'pro'"
    empty = await run_action(catalog.action("stripe-search-customers"), {}, auth=AUTH)
    assert "give an email, a name or a search query" in empty.error


async def test_list_customers_cursor_round_trip(catalog, respx_mock):
    route = respx_mock.get(f"{API}/customers").mock(
        side_effect=[
            httpx.Response(200, json=_list([_customer(), _customer("cus_NffrFeUfNV2Hic", "Ada")], "/v1/customers", has_more=True)),
            httpx.Response(200, json=_list([_customer("cus_NffrFeUfNV2Hid", "Grace")], "/v1/customers")),
        ]
    )
    action = catalog.action("stripe-list-customers")
    first = await run_action(action, {"email": "jennyrosen@example.com", "limit": 2}, auth=AUTH)
    assert first.error is None, first.error
    assert_stripe(route.calls[0].request, "GET", "/customers", query={"email": "jennyrosen@example.com", "limit": "2"})
    assert [c["id"] for c in first.ret["customers"]] == [CUSTOMER, "cus_NffrFeUfNV2Hic"]
    assert first.ret["next_cursor"] == "cus_NffrFeUfNV2Hic"
    assert first.summary == "Listed 2 customers (more available)"

    second = await run_action(action, {"email": "jennyrosen@example.com", "limit": 2, "cursor": first.ret["next_cursor"]}, auth=AUTH)
    assert_stripe(route.calls[1].request, "GET", "/customers",
                  query={"email": "jennyrosen@example.com", "limit": "2", "starting_after": "cus_NffrFeUfNV2Hic"})
    assert [c["name"] for c in second.ret["customers"]] == ["Grace"]
    assert second.ret["next_cursor"] is None
    assert second.summary == "Listed 1 customer"


async def test_list_customers_full_response_returns_stripes_objects_whole(catalog, respx_mock):
    respx_mock.get(f"{API}/customers").mock(return_value=httpx.Response(200, json=_list([_customer()], "/v1/customers")))
    result = await run_action(catalog.action("stripe-list-customers"), {"fullResponse": True}, auth=AUTH)
    assert result.ret == {"customers": [_customer()], "next_cursor": None}


async def test_delete_customer(catalog, respx_mock):
    route = respx_mock.delete(f"{API}/customers/{CUSTOMER}").mock(
        return_value=httpx.Response(200, json={"id": CUSTOMER, "object": "customer", "deleted": True})
    )
    action = catalog.action("stripe-delete-customer")
    result = await run_action(action, {"customer": CUSTOMER}, auth=AUTH)
    assert result.error is None, result.error
    assert_stripe(route.calls.last.request, "DELETE", f"/customers/{CUSTOMER}")
    assert result.ret == {"id": CUSTOMER, "deleted": True}
    assert result.summary == f"Deleted customer {CUSTOMER}"
    assert action.annotations.destructive and action.annotations.idempotent


# Payment intents


async def test_create_payment_intent_uses_automatic_payment_methods(catalog, respx_mock):
    route = respx_mock.post(f"{API}/payment_intents").mock(
        return_value=httpx.Response(200, json=_payment_intent(customer=CUSTOMER, description="Order #6735", metadata={"order_id": "6735"}))
    )
    result = await run_action(
        catalog.action("stripe-create-payment-intent"),
        {"amount": 2000, "currency": "USD", "customer": CUSTOMER, "description": "Order #6735", "metadata": {"order_id": "6735"}},
        auth=AUTH,
    )
    assert result.error is None, result.error
    assert_stripe(
        route.calls.last.request, "POST", "/payment_intents",
        form={"amount": "2000", "currency": "usd", "customer": CUSTOMER, "description": "Order #6735",
              "metadata[order_id]": "6735", "automatic_payment_methods[enabled]": "true"},
        idempotency="random",
    )
    assert result.ret["client_secret"] == "pi_3MtwBwLkdIwHu7ix28a3tqPa_secret_YrKJUKribcBjcG8HVhfZluoGH"
    assert result.ret["status"] == "requires_payment_method"
    assert result.summary == "Created payment intent pi_3MtwBwLkdIwHu7ix28a3tqPa for 20.00 USD (requires_payment_method)"


async def test_create_payment_intent_confirms_a_saved_method_with_listed_types(catalog, respx_mock):
    route = respx_mock.post(f"{API}/payment_intents").mock(
        return_value=httpx.Response(200, json=_payment_intent(status="succeeded", amount=500, currency="jpy", amount_received=500,
                                                              payment_method="pm_1MqLiJLkdIwHu7ixUEgbFdYF",
                                                              latest_charge="ch_3MtwBwLkdIwHu7ix0snN0B15"))
    )
    result = await run_action(
        catalog.action("stripe-create-payment-intent"),
        {"amount": 500, "currency": "jpy", "customer": CUSTOMER, "paymentMethodTypes": ["card"],
         "paymentMethod": "pm_1MqLiJLkdIwHu7ixUEgbFdYF", "confirm": True, "receiptEmail": "jennyrosen@example.com"},
        auth=AUTH,
    )
    assert result.error is None, result.error
    assert form_of(route.calls.last.request) == [
        ("amount", "500"), ("currency", "jpy"), ("customer", CUSTOMER), ("receipt_email", "jennyrosen@example.com"),
        ("payment_method", "pm_1MqLiJLkdIwHu7ixUEgbFdYF"), ("confirm", "true"), ("payment_method_types[0]", "card"),
    ]
    assert result.ret["latest_charge"] == "ch_3MtwBwLkdIwHu7ix0snN0B15"
    assert result.summary == "Created payment intent pi_3MtwBwLkdIwHu7ix28a3tqPa for 500 JPY (succeeded)"
    refused = await run_action(catalog.action("stripe-create-payment-intent"),
                               {"amount": 500, "currency": "usd", "confirm": True}, auth=AUTH)
    assert "confirming needs a paymentMethod" in refused.error


async def test_summaries_count_zero_and_three_decimal_currencies_right(catalog, respx_mock):
    route = respx_mock.get(f"{API}/payment_intents/pi_3MtwBwLkdIwHu7ix28a3tqPa")
    action = catalog.action("stripe-retrieve-payment-intent")
    for amount, currency, shown in ((5000, "kwd", "5.000 KWD"), (500, "jpy", "500 JPY"), (1999, "eur", "19.99 EUR")):
        route.mock(return_value=httpx.Response(200, json=_payment_intent(status="succeeded", amount=amount, currency=currency)))
        result = await run_action(action, {"paymentIntent": "pi_3MtwBwLkdIwHu7ix28a3tqPa"}, auth=AUTH)
        assert result.summary == f"Payment intent pi_3MtwBwLkdIwHu7ix28a3tqPa for {shown} is succeeded"


async def test_retrieve_payment_intent(catalog, respx_mock):
    route = respx_mock.get(f"{API}/payment_intents/pi_3MtwBwLkdIwHu7ix28a3tqPa").mock(
        return_value=httpx.Response(200, json=_payment_intent(
            status="requires_payment_method",
            last_payment_error={"code": "card_declined", "decline_code": "insufficient_funds", "message": "Your card has insufficient funds.", "type": "card_error"},
        ))
    )
    result = await run_action(catalog.action("stripe-retrieve-payment-intent"), {"paymentIntent": "pi_3MtwBwLkdIwHu7ix28a3tqPa"}, auth=AUTH)
    assert result.error is None, result.error
    assert_stripe(route.calls.last.request, "GET", "/payment_intents/pi_3MtwBwLkdIwHu7ix28a3tqPa")
    assert result.ret["last_payment_error"] == "Your card has insufficient funds."
    assert result.summary == "Payment intent pi_3MtwBwLkdIwHu7ix28a3tqPa for 20.00 USD is requires_payment_method"


# Invoices


async def test_create_invoice_makes_a_draft_to_send(catalog, respx_mock):
    route = respx_mock.post(f"{API}/invoices").mock(return_value=httpx.Response(200, json=_invoice(description="Consulting, March")))
    result = await run_action(
        catalog.action("stripe-create-invoice"),
        {"customer": CUSTOMER, "daysUntilDue": 14, "description": "Consulting, March", "metadata": {"project": "apollo"}},
        auth=AUTH,
    )
    assert result.error is None, result.error
    assert_stripe(
        route.calls.last.request, "POST", "/invoices",
        form={"customer": CUSTOMER, "collection_method": "send_invoice", "days_until_due": "14", "description": "Consulting, March",
              "pending_invoice_items_behavior": "exclude", "auto_advance": "false", "metadata[project]": "apollo"},
        idempotency="random",
    )
    assert result.ret["id"] == "in_1MtHbELkdIwHu7ixl4OzzPMv" and result.ret["status"] == "draft"
    assert result.summary == f"Created draft invoice in_1MtHbELkdIwHu7ixl4OzzPMv for customer {CUSTOMER}"


async def test_create_invoice_charging_automatically_with_pending_items(catalog, respx_mock):
    route = respx_mock.post(f"{API}/invoices").mock(return_value=httpx.Response(200, json=_invoice(collection_method="charge_automatically")))
    result = await run_action(
        catalog.action("stripe-create-invoice"),
        {"customer": CUSTOMER, "collectionMethod": "charge_automatically", "includePendingItems": True, "autoAdvance": True},
        auth=AUTH,
    )
    assert result.error is None, result.error
    assert form_of(route.calls.last.request) == [
        ("customer", CUSTOMER), ("collection_method", "charge_automatically"),
        ("pending_invoice_items_behavior", "include"), ("auto_advance", "true"),
    ]


async def test_create_invoice_item_with_a_price_and_quantity(catalog, respx_mock):
    route = respx_mock.post(f"{API}/invoiceitems").mock(
        return_value=httpx.Response(200, json={
            "id": "ii_1MtGUtLkdIwHu7ixBYwjAM00", "object": "invoiceitem", "amount": 3000, "currency": "usd", "customer": CUSTOMER,
            "date": 1680640231, "description": "Gold Plan", "discountable": True, "invoice": "in_1MtHbELkdIwHu7ixl4OzzPMv",
            "livemode": False, "metadata": {}, "price": _price(), "proration": False, "quantity": 3, "unit_amount": 1000,
            "unit_amount_decimal": "1000",
        })
    )
    result = await run_action(
        catalog.action("stripe-create-invoice-item"),
        {"customer": CUSTOMER, "invoice": "in_1MtHbELkdIwHu7ixl4OzzPMv", "price": "price_1MoBy5LkdIwHu7ixZhnattbh", "quantity": 3},
        auth=AUTH,
    )
    assert result.error is None, result.error
    assert_stripe(
        route.calls.last.request, "POST", "/invoiceitems",
        form={"customer": CUSTOMER, "invoice": "in_1MtHbELkdIwHu7ixl4OzzPMv", "price": "price_1MoBy5LkdIwHu7ixZhnattbh", "quantity": "3"},
        idempotency="random",
    )
    assert result.ret == {"id": "ii_1MtGUtLkdIwHu7ixBYwjAM00", "invoice": "in_1MtHbELkdIwHu7ixl4OzzPMv", "customer": CUSTOMER,
                          "amount": 3000, "currency": "usd", "description": "Gold Plan", "quantity": 3,
                          "price": "price_1MoBy5LkdIwHu7ixZhnattbh"}
    assert result.summary == "Added 30.00 USD (Gold Plan) to invoice in_1MtHbELkdIwHu7ixl4OzzPMv"


async def test_create_invoice_item_with_a_one_off_amount_and_argument_checks(catalog, respx_mock):
    route = respx_mock.post(f"{API}/invoiceitems").mock(
        return_value=httpx.Response(200, json={
            "id": "ii_1MtGUtLkdIwHu7ixBYwjAM01", "object": "invoiceitem", "amount": 15000, "currency": "usd", "customer": CUSTOMER,
            "description": "Setup fee", "invoice": None, "price": None, "quantity": 1,
        })
    )
    action = catalog.action("stripe-create-invoice-item")
    result = await run_action(action, {"customer": CUSTOMER, "amount": 15000, "currency": "USD", "description": "Setup fee"}, auth=AUTH)
    assert result.error is None, result.error
    assert form_of(route.calls.last.request) == [("customer", CUSTOMER), ("amount", "15000"), ("currency", "usd"), ("description", "Setup fee")]
    assert result.summary == f"Added 150.00 USD (Setup fee) to customer {CUSTOMER}'s next invoice"
    both = await run_action(action, {"customer": CUSTOMER, "amount": 100, "currency": "usd", "price": "price_1"}, auth=AUTH)
    assert "either a price" in both.error
    no_currency = await run_action(action, {"customer": CUSTOMER, "amount": 100}, auth=AUTH)
    assert "needs its currency" in no_currency.error
    assert route.call_count == 1


async def test_finalize_invoice(catalog, respx_mock):
    route = respx_mock.post(f"{API}/invoices/in_1MtHbELkdIwHu7ixl4OzzPMv/finalize").mock(return_value=httpx.Response(200, json=_open_invoice()))
    result = await run_action(
        catalog.action("stripe-finalize-invoice"), {"invoice": "in_1MtHbELkdIwHu7ixl4OzzPMv", "autoAdvance": False}, auth=AUTH,
    )
    assert result.error is None, result.error
    assert_stripe(route.calls.last.request, "POST", "/invoices/in_1MtHbELkdIwHu7ixl4OzzPMv/finalize", form={"auto_advance": "false"})
    assert result.ret["hosted_invoice_url"].startswith("https://invoice.stripe.com/i/")
    assert result.ret["lines"] == [{"description": "Setup fee", "amount": 15000, "quantity": 1}]
    assert result.summary == "Finalized invoice 0759376C-0001 for 150.00 USD (open)"


async def test_send_invoice(catalog, respx_mock):
    route = respx_mock.post(f"{API}/invoices/in_1MtHbELkdIwHu7ixl4OzzPMv/send").mock(return_value=httpx.Response(200, json=_open_invoice()))
    result = await run_action(catalog.action("stripe-send-invoice"), {"invoice": "in_1MtHbELkdIwHu7ixl4OzzPMv"}, auth=AUTH)
    assert result.error is None, result.error
    request = route.calls.last.request
    assert request.method == "POST" and str(request.url) == f"{API}/invoices/in_1MtHbELkdIwHu7ixl4OzzPMv/send"
    assert request.headers["authorization"] == f"Bearer {KEY}"
    assert request.content == b""
    assert result.ret["status"] == "open" and result.ret["number"] == "0759376C-0001"
    assert result.summary == "Sent invoice 0759376C-0001 for 150.00 USD to jennyrosen@example.com"


# Refunds, products, prices


async def test_create_refund_of_part_of_a_payment_intent(catalog, respx_mock):
    route = respx_mock.post(f"{API}/refunds").mock(
        return_value=httpx.Response(200, json={
            "id": "re_1Nispe2eZvKYlo2Cd31jOCgZ", "object": "refund", "amount": 500, "balance_transaction": "txn_1Nispe2eZvKYlo2CYezqFhEx",
            "charge": "ch_1NirD82eZvKYlo2CIvbtLWuY", "created": 1692942318, "currency": "usd", "metadata": {},
            "payment_intent": "pi_3MtwBwLkdIwHu7ix28a3tqPa", "reason": "requested_by_customer", "receipt_number": None,
            "source_transfer_reversal": None, "status": "succeeded", "transfer_reversal": None,
        })
    )
    result = await run_action(
        catalog.action("stripe-create-refund"),
        {"paymentIntent": "pi_3MtwBwLkdIwHu7ix28a3tqPa", "amount": 500, "reason": "requested_by_customer", "idempotencyKey": "refund-6735"},
        auth=AUTH,
    )
    assert result.error is None, result.error
    assert_stripe(route.calls.last.request, "POST", "/refunds",
                  form={"payment_intent": "pi_3MtwBwLkdIwHu7ix28a3tqPa", "amount": "500", "reason": "requested_by_customer"},
                  idempotency="refund-6735")
    assert result.ret["status"] == "succeeded" and result.ret["charge"] == "ch_1NirD82eZvKYlo2CIvbtLWuY"
    assert result.summary == "Refunded 5.00 USD of pi_3MtwBwLkdIwHu7ix28a3tqPa (succeeded)"
    neither = await run_action(catalog.action("stripe-create-refund"), {}, auth=AUTH)
    assert "either paymentIntent or charge" in neither.error
    assert catalog.action("stripe-create-refund").annotations.destructive is True


async def test_create_product_with_a_recurring_default_price(catalog, respx_mock):
    route = respx_mock.post(f"{API}/products").mock(
        return_value=httpx.Response(200, json=_product(name="Pro plan", default_price="price_1MoBy5LkdIwHu7ixZhnattbh"))
    )
    result = await run_action(
        catalog.action("stripe-create-product"),
        {"name": "Pro plan", "unitAmount": 1999, "currency": "usd", "recurringInterval": "month"},
        auth=AUTH,
    )
    assert result.error is None, result.error
    assert_stripe(
        route.calls.last.request, "POST", "/products",
        form={"name": "Pro plan", "default_price_data[currency]": "usd", "default_price_data[unit_amount]": "1999",
              "default_price_data[recurring][interval]": "month"},
        idempotency="random",
    )
    assert result.ret["default_price"] == "price_1MoBy5LkdIwHu7ixZhnattbh"
    assert result.summary == "Created product prod_NWjs8kKbJWmuuc (Pro plan) with default price price_1MoBy5LkdIwHu7ixZhnattbh"
    no_currency = await run_action(catalog.action("stripe-create-product"), {"name": "X", "unitAmount": 5}, auth=AUTH)
    assert "needs its currency" in no_currency.error


async def test_create_price_recurring_every_three_months(catalog, respx_mock):
    route = respx_mock.post(f"{API}/prices").mock(
        return_value=httpx.Response(200, json=_price(amount=4500, recurring=_recurring("month", 3), nickname="Quarterly"))
    )
    result = await run_action(
        catalog.action("stripe-create-price"),
        {"product": "prod_NWjs8kKbJWmuuc", "unitAmount": 4500, "currency": "usd", "recurringInterval": "month",
         "intervalCount": 3, "nickname": "Quarterly"},
        auth=AUTH,
    )
    assert result.error is None, result.error
    assert_stripe(
        route.calls.last.request, "POST", "/prices",
        form={"product": "prod_NWjs8kKbJWmuuc", "unit_amount": "4500", "currency": "usd", "nickname": "Quarterly",
              "recurring[interval]": "month", "recurring[interval_count]": "3"},
        idempotency="random",
    )
    assert result.ret["recurring"] == {"interval": "month", "interval_count": 3}
    assert result.summary == "Created price price_1MoBy5LkdIwHu7ixZhnattbh of 45.00 USD every 3 month for prod_NWjs8kKbJWmuuc"


async def test_list_prices_expands_products(catalog, respx_mock):
    route = respx_mock.get(f"{API}/prices").mock(
        return_value=httpx.Response(200, json=_list([_price(product=_product(), recurring=_recurring())], "/v1/prices"))
    )
    result = await run_action(catalog.action("stripe-list-prices"), {"product": "prod_NWjs8kKbJWmuuc", "limit": 5}, auth=AUTH)
    assert result.error is None, result.error
    assert_stripe(route.calls.last.request, "GET", "/prices",
                  query={"expand[0]": "data.product", "active": "true", "product": "prod_NWjs8kKbJWmuuc", "limit": "5"})
    price = result.ret["prices"][0]
    assert price["product"] == "prod_NWjs8kKbJWmuuc" and price["product_name"] == "Gold Plan"
    assert price["label"] == "Gold Plan: 10.00 USD / month (price_1MoBy5LkdIwHu7ixZhnattbh)"
    assert result.ret["next_cursor"] is None
    assert result.summary == "Listed 1 price"


# Remote options


async def test_customer_options_page_with_starting_after(catalog, respx_mock):
    route = respx_mock.get(f"{API}/customers").mock(
        side_effect=[
            httpx.Response(200, json=_list([_customer(), _customer("cus_NffrFeUfNV2Hic", None, "ada@example.com")], "/v1/customers", has_more=True)),
            httpx.Response(200, json=_list([_customer("cus_NffrFeUfNV2Hid", "Grace Hopper", None)], "/v1/customers")),
        ]
    )
    action = catalog.action("stripe-create-payment-intent")
    first = await fetch_options(action, "customer", {}, auth=AUTH)
    assert first["errors"] == []
    assert first["options"] == [
        {"label": f"Jenny Rosen <jennyrosen@example.com> ({CUSTOMER})", "value": CUSTOMER},
        {"label": "ada@example.com (cus_NffrFeUfNV2Hic)", "value": "cus_NffrFeUfNV2Hic"},
    ]
    assert first["context"] == {"starting_after": "cus_NffrFeUfNV2Hic"}
    assert_stripe(route.calls[0].request, "GET", "/customers", query={"limit": "100"})

    second = await fetch_options(action, "customer", {}, auth=AUTH, page=1, prev_context=first["context"])
    assert second["options"] == [{"label": "Grace Hopper (cus_NffrFeUfNV2Hid)", "value": "cus_NffrFeUfNV2Hid"}]
    assert second["context"] is None
    assert_stripe(route.calls[1].request, "GET", "/customers", query={"limit": "100", "starting_after": "cus_NffrFeUfNV2Hic"})

    done = await fetch_options(action, "customer", {}, auth=AUTH, page=2, prev_context={})
    assert done["options"] == [] and route.call_count == 2


async def test_price_and_product_options(catalog, respx_mock):
    prices = respx_mock.get(f"{API}/prices").mock(
        return_value=httpx.Response(200, json=_list([
            _price(product=_product()),
            _price("price_1MoBy5LkdIwHu7ixZhnattbi", product=_product(), amount=9000, recurring=_recurring("year"), nickname="Annual"),
        ], "/v1/prices"))
    )
    products = respx_mock.get(f"{API}/products").mock(return_value=httpx.Response(200, json=_list([_product()], "/v1/products")))
    price_response = await fetch_options(catalog.action("stripe-create-invoice-item"), "price", {}, auth=AUTH)
    assert price_response["options"] == [
        {"label": "Gold Plan: 10.00 USD (price_1MoBy5LkdIwHu7ixZhnattbh)", "value": "price_1MoBy5LkdIwHu7ixZhnattbh"},
        {"label": "Gold Plan Annual: 90.00 USD / year (price_1MoBy5LkdIwHu7ixZhnattbi)", "value": "price_1MoBy5LkdIwHu7ixZhnattbi"},
    ]
    assert price_response["context"] is None
    assert_stripe(prices.calls.last.request, "GET", "/prices", query={"active": "true", "expand[0]": "data.product", "limit": "100"})
    product_response = await fetch_options(catalog.action("stripe-create-price"), "product", {}, auth=AUTH)
    assert product_response["options"] == [{"label": "Gold Plan (prod_NWjs8kKbJWmuuc)", "value": "prod_NWjs8kKbJWmuuc"}]
    assert_stripe(products.calls.last.request, "GET", "/products", query={"active": "true", "limit": "100"})


# Errors, rejected keys and rate limits


async def test_a_missing_object_reports_stripes_message_code_and_param(catalog, respx_mock):
    respx_mock.get(f"{API}/customers/cus_nope").mock(
        return_value=httpx.Response(404, json={"error": {
            "code": "resource_missing", "doc_url": "https://stripe.com/docs/error-codes/resource-missing",
            "message": "No such customer: 'cus_nope'", "param": "id", "request_log_url": "https://dashboard.stripe.com/test/logs/req_1",
            "type": "invalid_request_error"}})
    )
    result = await run_action(catalog.action("stripe-retrieve-customer"), {"customer": "cus_nope"}, auth=AUTH)
    assert result.ret is None
    assert result.error.startswith("Stripe API error 404 on GET /v1/customers/cus_nope: No such customer: 'cus_nope'")
    assert "[code: resource_missing; param: id]" in result.error
    assert "same mode (test or live)" in result.error


async def test_a_card_decline_reports_the_decline_code(catalog, respx_mock):
    respx_mock.post(f"{API}/payment_intents").mock(
        return_value=httpx.Response(402, json={"error": {
            "code": "card_declined", "decline_code": "insufficient_funds", "message": "Your card has insufficient funds.",
            "type": "card_error", "payment_intent": _payment_intent()}})
    )
    result = await run_action(
        catalog.action("stripe-create-payment-intent"),
        {"amount": 2000, "currency": "usd", "customer": CUSTOMER, "paymentMethod": "pm_card_chargeDeclinedInsufficientFunds", "confirm": True},
        auth=AUTH,
    )
    assert "Your card has insufficient funds." in result.error
    assert "code: card_declined; decline_code: insufficient_funds" in result.error


async def test_a_401_says_the_secret_key_was_rejected(catalog, respx_mock):
    respx_mock.get(f"{API}/customers/{CUSTOMER}").mock(
        return_value=httpx.Response(401, json={"error": {
            "message": "Invalid API Key provided: sk_test_****2345", "type": "invalid_request_error"}})
    )
    result = await run_action(catalog.action("stripe-retrieve-customer"), {"customer": CUSTOMER}, auth={"api_key": "sk_test_wrong2345"})
    assert "Stripe API error 401" in result.error
    assert "Invalid API Key provided: sk_test_****2345" in result.error
    assert "Stripe rejected the secret key; the user should reconnect the Stripe account" in result.error


async def test_a_429_says_when_to_retry(catalog, respx_mock):
    route = respx_mock.get(f"{API}/customers").mock(
        return_value=httpx.Response(429, headers={"Retry-After": "2"}, json={"error": {
            "code": "rate_limit", "message": "Request rate limit exceeded. Learn more about rate limits here https://stripe.com/docs/rate-limits.",
            "type": "invalid_request_error"}})
    )
    result = await run_action(catalog.action("stripe-list-customers"), {}, auth=AUTH)
    assert "rate limited by Stripe; retry after 2 s" in result.error
    assert "Request rate limit exceeded" in result.error
    route.mock(return_value=httpx.Response(429, json={"error": {"message": "Too many requests", "type": "invalid_request_error"}}))
    again = await run_action(catalog.action("stripe-list-customers"), {}, auth=AUTH)
    assert "rate limited by Stripe; retry later" in again.error


# Account test


async def _account_test(app, creds):
    async with httpx.AsyncClient() as client:
        http = AppHttp(client, app_name=app.name, headers=app.headers_for(creds), base_url=app.base_url_for(creds),
                       allowed_domains=app.allowed_domains_for(creds))
        return await app.test(AccountContext(auth=creds, http=http))


async def test_account_test_names_the_business(catalog, respx_mock):
    route = respx_mock.get(f"{API}/account").mock(
        return_value=httpx.Response(200, json={
            "id": "acct_1Nv0FGQ9RKHgCVdK", "object": "account", "business_profile": {"name": "Rocket Rides", "url": "https://rocketrides.io"},
            "business_type": "company", "charges_enabled": True, "country": "US", "default_currency": "usd",
            "email": "jenny.rosen@example.com", "settings": {"dashboard": {"display_name": "Rocket Rides", "timezone": "Etc/UTC"}},
            "type": "standard",
        })
    )
    identity = await _account_test(catalog.apps["stripe"], AUTH)
    assert identity == Identity(name="Rocket Rides", external_id="acct_1Nv0FGQ9RKHgCVdK")
    assert_stripe(route.calls.last.request, "GET", "/account")


async def test_account_test_raises_on_a_rejected_key(catalog, respx_mock):
    respx_mock.get(f"{API}/account").mock(
        return_value=httpx.Response(401, json={"error": {"message": "Invalid API Key provided: sk_test_****oops", "type": "invalid_request_error"}})
    )
    with pytest.raises(UpstreamError, match="Invalid API Key provided") as raised:
        await _account_test(catalog.apps["stripe"], {"api_key": "sk_test_oops"})
    assert raised.value.status == 401
    assert json.loads(raised.value.body)["error"]["type"] == "invalid_request_error"
