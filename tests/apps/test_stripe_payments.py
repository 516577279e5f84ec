"""Stripe payment actions at the HTTP boundary: confirming, capturing and canceling payment intents,
listing payments, charges, refunds and disputes, and the balance with its transactions and payouts."""

import httpx

from mcp_gateway.runtime.engine import fetch_options, run_action
from tests.apps.test_stripe import API, AUTH, CUSTOMER, _list, _payment_intent, assert_stripe

PI = "pi_3MtwBwLkdIwHu7ix28a3tqPa"


def _charge(charge_id="ch_3MmlLrLkdIwHu7ix0snN0B15", **extra):
    return {
        "id": charge_id,
        "object": "charge",
        "amount": 1099,
        "amount_captured": 1099,
        "amount_refunded": 0,
        "balance_transaction": "txn_3MmlLrLkdIwHu7ix0uke3Ezy",
        "billing_details": {"address": None, "email": None, "name": None, "phone": None},
        "captured": True,
        "created": 1679090539,
        "currency": "usd",
        "customer": CUSTOMER,
        "description": None,
        "disputed": False,
        "failure_code": None,
        "failure_message": None,
        "livemode": False,
        "metadata": {},
        "outcome": {"network_status": "approved_by_network", "risk_level": "normal", "seller_message": "Payment complete.", "type": "authorized"},
        "paid": True,
        "payment_intent": PI,
        "payment_method": "card_1MmlLrLkdIwHu7ixIJwEWSNR",
        "receipt_url": "https://pay.stripe.com/receipts/payment/CAcaFwoVYWNjdF8xTTJKVGtMa2RJd0h1N2l4KOvG06AGMgZfBXyr1aw6LBa9vaaSRWU96d8qBwz9z2J_CObiV_H2-e8RezSK_sw0KISesp4czsOUlVKY",
        "refunded": False,
        "status": "succeeded",
        **extra,
    }


# Payment intents


async def test_confirm_payment_intent_with_a_payment_method(catalog, respx_mock):
    route = respx_mock.post(f"{API}/payment_intents/{PI}/confirm").mock(
        return_value=httpx.Response(200, json=_payment_intent(status="succeeded", amount_received=2000,
                                                              payment_method="pm_card_visa", latest_charge="ch_3MmlLrLkdIwHu7ix0snN0B15"))
    )
    result = await run_action(
        catalog.action("stripe-confirm-payment-intent"),
        {"paymentIntent": PI, "paymentMethod": "pm_card_visa", "returnUrl": "https://example.com/return", "offSession": False},
        auth=AUTH,
    )
    assert result.error is None, result.error
    assert_stripe(route.calls.last.request, "POST", f"/payment_intents/{PI}/confirm",
                  form={"payment_method": "pm_card_visa", "return_url": "https://example.com/return", "off_session": "false"})
    assert result.ret["status"] == "succeeded" and result.ret["latest_charge"] == "ch_3MmlLrLkdIwHu7ix0snN0B15"
    assert result.summary == f"Confirmed payment intent {PI} for 20.00 USD (succeeded)"


async def test_capture_payment_intent_takes_part_of_the_hold(catalog, respx_mock):
    route = respx_mock.post(f"{API}/payment_intents/{PI}/capture").mock(
        return_value=httpx.Response(200, json=_payment_intent(status="succeeded", capture_method="manual", amount_received=1500))
    )
    result = await run_action(catalog.action("stripe-capture-payment-intent"), {"paymentIntent": PI, "amountToCapture": 1500}, auth=AUTH)
    assert result.error is None, result.error
    assert_stripe(route.calls.last.request, "POST", f"/payment_intents/{PI}/capture", form={"amount_to_capture": "1500"})
    assert result.ret["amount_received"] == 1500 and result.ret["capture_method"] == "manual"
    assert result.summary == f"Captured 15.00 USD of payment intent {PI} (succeeded)"


async def test_capture_payment_intent_without_an_amount_sends_no_body(catalog, respx_mock):
    route = respx_mock.post(f"{API}/payment_intents/{PI}/capture").mock(
        return_value=httpx.Response(200, json=_payment_intent(status="succeeded", amount_received=2000))
    )
    result = await run_action(catalog.action("stripe-capture-payment-intent"), {"paymentIntent": PI}, auth=AUTH)
    assert result.error is None, result.error
    assert_stripe(route.calls.last.request, "POST", f"/payment_intents/{PI}/capture")


async def test_cancel_payment_intent_with_a_reason(catalog, respx_mock):
    route = respx_mock.post(f"{API}/payment_intents/{PI}/cancel").mock(
        return_value=httpx.Response(200, json=_payment_intent(status="canceled", canceled_at=1680801569, cancellation_reason="requested_by_customer"))
    )
    action = catalog.action("stripe-cancel-payment-intent")
    result = await run_action(action, {"paymentIntent": PI, "cancellationReason": "requested_by_customer"}, auth=AUTH)
    assert result.error is None, result.error
    assert_stripe(route.calls.last.request, "POST", f"/payment_intents/{PI}/cancel", form={"cancellation_reason": "requested_by_customer"})
    assert result.ret["status"] == "canceled" and result.ret["cancellation_reason"] == "requested_by_customer"
    assert result.summary == f"Canceled payment intent {PI} for 20.00 USD"
    assert action.annotations.destructive


async def test_create_payment_intent_to_capture_later(catalog, respx_mock):
    route = respx_mock.post(f"{API}/payment_intents").mock(
        return_value=httpx.Response(200, json=_payment_intent(capture_method="manual"))
    )
    result = await run_action(
        catalog.action("stripe-create-payment-intent"), {"amount": 2000, "currency": "usd", "captureMethod": "manual"}, auth=AUTH,
    )
    assert result.error is None, result.error
    assert_stripe(route.calls.last.request, "POST", "/payment_intents",
                  form={"amount": "2000", "currency": "usd", "capture_method": "manual", "automatic_payment_methods[enabled]": "true"},
                  idempotency="random")
    assert result.ret["capture_method"] == "manual"


async def test_list_payment_intents_of_a_customer(catalog, respx_mock):
    route = respx_mock.get(f"{API}/payment_intents").mock(
        return_value=httpx.Response(200, json=_list([_payment_intent(customer=CUSTOMER)], "/v1/payment_intents", has_more=True))
    )
    result = await run_action(catalog.action("stripe-list-payment-intents"), {"customer": CUSTOMER, "limit": 1}, auth=AUTH)
    assert result.error is None, result.error
    assert_stripe(route.calls.last.request, "GET", "/payment_intents", query={"customer": CUSTOMER, "limit": "1"})
    assert [p["id"] for p in result.ret["payment_intents"]] == [PI]
    assert "amount_details" not in result.ret["payment_intents"][0]
    assert result.ret["next_cursor"] == PI
    assert result.summary == "Listed 1 payment intent (more available)"


async def test_payment_intent_options_list_recent_payments(catalog, respx_mock):
    route = respx_mock.get(f"{API}/payment_intents").mock(
        return_value=httpx.Response(200, json=_list([_payment_intent(description="Order #6735")], "/v1/payment_intents"))
    )
    response = await fetch_options(catalog.action("stripe-capture-payment-intent"), "paymentIntent", {}, auth=AUTH)
    assert response["options"] == [{"label": f"20.00 USD Order #6735 (requires_payment_method) ({PI})", "value": PI}]
    assert response["context"] is None
    assert_stripe(route.calls.last.request, "GET", "/payment_intents", query={"limit": "100"})


# Charges, refunds, disputes


async def test_list_charges_of_a_payment_intent(catalog, respx_mock):
    route = respx_mock.get(f"{API}/charges").mock(return_value=httpx.Response(200, json=_list([_charge()], "/v1/charges")))
    result = await run_action(catalog.action("stripe-list-charges"), {"customer": CUSTOMER, "paymentIntent": PI}, auth=AUTH)
    assert result.error is None, result.error
    assert_stripe(route.calls.last.request, "GET", "/charges", query={"customer": CUSTOMER, "payment_intent": PI, "limit": "25"})
    charge = result.ret["charges"][0]
    assert charge["id"] == "ch_3MmlLrLkdIwHu7ix0snN0B15" and charge["status"] == "succeeded"
    assert charge["receipt_url"].startswith("https://pay.stripe.com/receipts/")
    assert "outcome" not in charge
    assert result.ret["next_cursor"] is None
    assert result.summary == "Listed 1 charge"


async def test_list_refunds_pages_with_the_cursor(catalog, respx_mock):
    refund = {
        "id": "re_1Nispe2eZvKYlo2Cd31jOCgZ", "object": "refund", "amount": 1000, "balance_transaction": "txn_1Nispe2eZvKYlo2CYezqFhEx",
        "charge": "ch_1NirD82eZvKYlo2CIvbtLWuY", "created": 1692942318, "currency": "usd", "metadata": {}, "payment_intent": PI,
        "reason": None, "receipt_number": None, "source_transfer_reversal": None, "status": "succeeded", "transfer_reversal": None,
    }
    route = respx_mock.get(f"{API}/refunds").mock(return_value=httpx.Response(200, json=_list([refund], "/v1/refunds")))
    result = await run_action(
        catalog.action("stripe-list-refunds"), {"charge": "ch_1NirD82eZvKYlo2CIvbtLWuY", "cursor": "re_1Nispe2eZvKYlo2Cd31jOCgY"}, auth=AUTH,
    )
    assert result.error is None, result.error
    assert_stripe(route.calls.last.request, "GET", "/refunds",
                  query={"charge": "ch_1NirD82eZvKYlo2CIvbtLWuY", "limit": "25", "starting_after": "re_1Nispe2eZvKYlo2Cd31jOCgY"})
    assert result.ret["refunds"] == [{
        "id": "re_1Nispe2eZvKYlo2Cd31jOCgZ", "status": "succeeded", "amount": 1000, "currency": "usd", "payment_intent": PI,
        "charge": "ch_1NirD82eZvKYlo2CIvbtLWuY", "reason": None, "metadata": {}, "created": 1692942318,
    }]
    assert result.summary == "Listed 1 refund"


async def test_list_disputes(catalog, respx_mock):
    dispute = {
        "id": "dp_1MtJUT2eZvKYlo2CNaw2HvEv", "object": "dispute", "amount": 1000, "balance_transactions": [],
        "charge": "ch_1AZtxr2eZvKYlo2CJDX8whov", "created": 1680651737, "currency": "usd",
        "evidence": {"customer_name": None, "uncategorized_text": None},
        "evidence_details": {"due_by": 1682294399, "has_evidence": False, "past_due": False, "submission_count": 0},
        "is_charge_refundable": True, "livemode": False, "metadata": {}, "payment_intent": None, "reason": "general",
        "status": "warning_needs_response",
    }
    route = respx_mock.get(f"{API}/disputes").mock(return_value=httpx.Response(200, json=_list([dispute], "/v1/disputes")))
    result = await run_action(catalog.action("stripe-list-disputes"), {"paymentIntent": PI, "limit": 10}, auth=AUTH)
    assert result.error is None, result.error
    assert_stripe(route.calls.last.request, "GET", "/disputes", query={"payment_intent": PI, "limit": "10"})
    assert result.ret["disputes"][0]["evidence_due_by"] == 1682294399
    assert result.ret["disputes"][0]["status"] == "warning_needs_response"
    assert result.summary == "Listed 1 dispute"


# Balance and payouts


async def test_retrieve_balance(catalog, respx_mock):
    route = respx_mock.get(f"{API}/balance").mock(return_value=httpx.Response(200, json={
        "object": "balance",
        "available": [{"amount": 666670, "currency": "usd", "source_types": {"card": 666670}}],
        "connect_reserved": [{"amount": 0, "currency": "usd"}],
        "livemode": False,
        "pending": [{"amount": 61414, "currency": "usd", "source_types": {"card": 61414}}],
    }))
    action = catalog.action("stripe-retrieve-balance")
    result = await run_action(action, {}, auth=AUTH)
    assert result.error is None, result.error
    assert_stripe(route.calls.last.request, "GET", "/balance")
    assert result.ret == {"available": [{"amount": 666670, "currency": "usd"}], "pending": [{"amount": 61414, "currency": "usd"}], "livemode": False}
    assert result.summary == "Available balance: 6666.70 USD"
    assert action.annotations.read_only


async def test_list_balance_history_of_a_payout(catalog, respx_mock):
    txn = {
        "id": "txn_1MiN3gLkdIwHu7ixxapQrznl", "object": "balance_transaction", "amount": -400, "available_on": 1678043844,
        "created": 1678043844, "currency": "usd", "description": None, "exchange_rate": None, "fee": 0, "fee_details": [],
        "net": -400, "reporting_category": "transfer", "source": "tr_1MiN3gLkdIwHu7ixNiSbEQIp", "status": "available", "type": "transfer",
    }
    route = respx_mock.get(f"{API}/balance_transactions").mock(
        return_value=httpx.Response(200, json=_list([txn], "/v1/balance_transactions", has_more=True))
    )
    result = await run_action(
        catalog.action("stripe-list-balance-history"),
        {"type": "transfer", "payout": "po_1OaFDbEcg9tTZuTgNYmX0PKB", "currency": "USD", "limit": 1},
        auth=AUTH,
    )
    assert result.error is None, result.error
    assert_stripe(route.calls.last.request, "GET", "/balance_transactions",
                  query={"type": "transfer", "payout": "po_1OaFDbEcg9tTZuTgNYmX0PKB", "currency": "usd", "limit": "1"})
    assert result.ret["balance_transactions"][0]["net"] == -400
    assert result.ret["next_cursor"] == "txn_1MiN3gLkdIwHu7ixxapQrznl"
    assert result.summary == "Listed 1 balance transaction (more available)"


async def test_list_payouts_by_status(catalog, respx_mock):
    payout = {
        "id": "po_1OaFDbEcg9tTZuTgNYmX0PKB", "object": "payout", "amount": 1100, "arrival_date": 1680652800, "automatic": False,
        "balance_transaction": "txn_1OaFDcEcg9tTZuTgYMR25tSe", "created": 1680648691, "currency": "usd", "description": None,
        "destination": "ba_1MtIhL2eZvKYlo2CAElKwKu2", "failure_balance_transaction": None, "failure_code": None,
        "failure_message": None, "livemode": False, "metadata": {}, "method": "standard", "original_payout": None,
        "reversed_by": None, "source_type": "card", "statement_descriptor": None, "status": "pending", "type": "bank_account",
    }
    route = respx_mock.get(f"{API}/payouts").mock(return_value=httpx.Response(200, json=_list([payout], "/v1/payouts")))
    result = await run_action(catalog.action("stripe-list-payouts"), {"status": "pending"}, auth=AUTH)
    assert result.error is None, result.error
    assert_stripe(route.calls.last.request, "GET", "/payouts", query={"status": "pending", "limit": "25"})
    assert result.ret["payouts"][0]["arrival_date"] == 1680652800
    assert result.ret["payouts"][0]["destination"] == "ba_1MtIhL2eZvKYlo2CAElKwKu2"
    assert result.summary == "Listed 1 payout"


async def test_charge_and_payout_options(catalog, respx_mock):
    charges = respx_mock.get(f"{API}/charges").mock(return_value=httpx.Response(200, json=_list([_charge()], "/v1/charges", has_more=True)))
    payouts = respx_mock.get(f"{API}/payouts").mock(return_value=httpx.Response(200, json=_list([{
        "id": "po_1OaFDbEcg9tTZuTgNYmX0PKB", "object": "payout", "amount": 1100, "currency": "usd", "status": "paid",
        "arrival_date": 1680652800, "created": 1680648691}], "/v1/payouts")))
    response = await fetch_options(catalog.action("stripe-create-refund"), "charge", {}, auth=AUTH)
    assert response["options"] == [{"label": f"10.99 USD {CUSTOMER} (succeeded) (ch_3MmlLrLkdIwHu7ix0snN0B15)",
                                    "value": "ch_3MmlLrLkdIwHu7ix0snN0B15"}]
    assert response["context"] == {"starting_after": "ch_3MmlLrLkdIwHu7ix0snN0B15"}
    assert_stripe(charges.calls.last.request, "GET", "/charges", query={"limit": "100"})
    response = await fetch_options(catalog.action("stripe-list-balance-history"), "payout", {}, auth=AUTH)
    assert response["options"] == [{"label": "11.00 USD (paid) (po_1OaFDbEcg9tTZuTgNYmX0PKB)", "value": "po_1OaFDbEcg9tTZuTgNYmX0PKB"}]
    assert_stripe(payouts.calls.last.request, "GET", "/payouts", query={"limit": "100"})
