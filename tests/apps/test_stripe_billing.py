"""Stripe billing actions at the HTTP boundary: invoices, subscriptions, the product catalog,
coupons, payment links and checkout sessions."""

import httpx

from mcp_gateway.runtime.engine import fetch_options, run_action
from tests.apps.test_stripe import (
    API, AUTH, CUSTOMER, _customer, _invoice, _list, _open_invoice, _price, _product, _recurring, assert_stripe, form_of,
)

INVOICE = "in_1MtHbELkdIwHu7ixl4OzzPMv"
SUB = "sub_1MowQVLkdIwHu7ixeRlqHVzs"
PRICE = "price_1MoBy5LkdIwHu7ixZhnattbh"


def _subscription(status="active", items=None, **extra):
    item = {
        "id": "si_Na6dzxczY5fwHx", "object": "subscription_item", "created": 1679609768, "metadata": {},
        "price": _price(PRICE, recurring=_recurring()), "quantity": 1, "subscription": SUB, "tax_rates": [],
    }
    return {
        "id": SUB,
        "object": "subscription",
        "billing_cycle_anchor": 1679609767,
        "cancel_at": None,
        "cancel_at_period_end": False,
        "canceled_at": None,
        "collection_method": "charge_automatically",
        "created": 1679609767,
        "currency": "usd",
        "current_period_end": 1682288167,
        "current_period_start": 1679609767,
        "customer": CUSTOMER,
        "days_until_due": None,
        "default_payment_method": None,
        "description": None,
        "discount": None,
        "ended_at": None,
        "items": {"object": "list", "data": [item] if items is None else items, "has_more": False, "total_count": 1,
                  "url": f"/v1/subscription_items?subscription={SUB}"},
        "latest_invoice": "in_1MowQWLkdIwHu7ixuzkSPfKd",
        "livemode": False,
        "metadata": {},
        "status": status,
        "trial_end": None,
        "trial_start": None,
        **extra,
    }


def _coupon(**extra):
    return {
        "id": "Z4OV52SU", "object": "coupon", "amount_off": None, "created": 1678037688, "currency": None, "duration": "repeating",
        "duration_in_months": 3, "livemode": False, "max_redemptions": None, "metadata": {}, "name": None, "percent_off": 25.5,
        "redeem_by": None, "times_redeemed": 0, "valid": True, **extra,
    }


# Invoices


async def test_void_invoice(catalog, respx_mock):
    route = respx_mock.post(f"{API}/invoices/{INVOICE}/void").mock(
        return_value=httpx.Response(200, json={**_open_invoice(), "status": "void"})
    )
    action = catalog.action("stripe-void-invoice")
    result = await run_action(action, {"invoice": INVOICE}, auth=AUTH)
    assert result.error is None, result.error
    assert_stripe(route.calls.last.request, "POST", f"/invoices/{INVOICE}/void")
    assert result.ret["status"] == "void"
    assert result.summary == "Voided invoice 0759376C-0001 of 150.00 USD"
    assert action.annotations.destructive


async def test_list_invoices_by_customer_and_status(catalog, respx_mock):
    route = respx_mock.get(f"{API}/invoices").mock(return_value=httpx.Response(200, json=_list([_open_invoice()], "/v1/invoices", has_more=True)))
    result = await run_action(
        catalog.action("stripe-list-invoices"),
        {"customer": CUSTOMER, "status": "open", "collectionMethod": "send_invoice", "limit": 1},
        auth=AUTH,
    )
    assert result.error is None, result.error
    assert_stripe(route.calls.last.request, "GET", "/invoices",
                  query={"customer": CUSTOMER, "status": "open", "collection_method": "send_invoice", "limit": "1"})
    invoice = result.ret["invoices"][0]
    assert invoice["number"] == "0759376C-0001" and invoice["amount_remaining"] == 15000
    assert "account_name" not in invoice
    assert result.ret["next_cursor"] == INVOICE
    assert result.summary == "Listed 1 invoice (more available)"


async def test_retrieve_invoice_and_its_full_response(catalog, respx_mock):
    route = respx_mock.get(f"{API}/invoices/{INVOICE}").mock(return_value=httpx.Response(200, json=_open_invoice()))
    action = catalog.action("stripe-retrieve-invoice")
    result = await run_action(action, {"invoice": INVOICE}, auth=AUTH)
    assert result.error is None, result.error
    assert_stripe(route.calls.last.request, "GET", f"/invoices/{INVOICE}")
    assert result.ret["hosted_invoice_url"].startswith("https://invoice.stripe.com/i/")
    assert result.summary == "Invoice 0759376C-0001 for 150.00 USD is open"
    whole = await run_action(action, {"invoice": INVOICE, "fullResponse": True}, auth=AUTH)
    assert whole.ret == _open_invoice()


async def test_invoice_options_follow_the_action(catalog, respx_mock):
    route = respx_mock.get(f"{API}/invoices").mock(
        side_effect=[
            httpx.Response(200, json=_list([_invoice()], "/v1/invoices")),
            httpx.Response(200, json=_list([_open_invoice()], "/v1/invoices")),
            httpx.Response(200, json=_list([_open_invoice()], "/v1/invoices")),
        ]
    )
    drafts = await fetch_options(catalog.action("stripe-finalize-invoice"), "invoice", {}, auth=AUTH)
    assert drafts["options"] == [{"label": f"draft jennyrosen@example.com: 0.00 USD (draft) ({INVOICE})", "value": INVOICE}]
    assert_stripe(route.calls[0].request, "GET", "/invoices", query={"status": "draft", "limit": "100"})
    unpaid = await fetch_options(catalog.action("stripe-send-invoice"), "invoice", {}, auth=AUTH)
    assert unpaid["options"] == [{"label": f"0759376C-0001 jennyrosen@example.com: 150.00 USD (open) ({INVOICE})", "value": INVOICE}]
    assert_stripe(route.calls[1].request, "GET", "/invoices", query={"status": "open", "limit": "100"})
    await fetch_options(catalog.action("stripe-retrieve-invoice"), "invoice", {}, auth=AUTH)
    assert_stripe(route.calls[2].request, "GET", "/invoices", query={"limit": "100"})


# Subscriptions


async def test_create_subscription_to_a_price_with_a_trial_and_coupon(catalog, respx_mock):
    route = respx_mock.post(f"{API}/subscriptions").mock(
        return_value=httpx.Response(200, json=_subscription(status="trialing", trial_end=1680819367,
                                                            discount={"coupon": _coupon(), "object": "discount"}))
    )
    result = await run_action(
        catalog.action("stripe-create-subscription"),
        {"customer": CUSTOMER, "price": PRICE, "quantity": 3, "trialPeriodDays": 14, "coupon": "Z4OV52SU",
         "metadata": {"plan": "team"}, "idempotencyKey": "sub-u_42"},
        auth=AUTH,
    )
    assert result.error is None, result.error
    assert_stripe(
        route.calls.last.request, "POST", "/subscriptions",
        form={"customer": CUSTOMER, "items[0][price]": PRICE, "items[0][quantity]": "3", "trial_period_days": "14",
              "coupon": "Z4OV52SU", "metadata[plan]": "team"},
        idempotency="sub-u_42",
    )
    assert result.ret["status"] == "trialing" and result.ret["coupon"] == "Z4OV52SU"
    assert result.ret["items"] == [{"id": "si_Na6dzxczY5fwHx", "price": PRICE, "product": "prod_NWjs8kKbJWmuuc",
                                    "unit_amount": 1000, "currency": "usd", "interval": "month", "quantity": 1}]
    assert result.summary == f"Created subscription {SUB} for customer {CUSTOMER} (trialing)"


async def test_create_subscription_sent_as_invoices(catalog, respx_mock):
    route = respx_mock.post(f"{API}/subscriptions").mock(
        return_value=httpx.Response(200, json=_subscription(collection_method="send_invoice", days_until_due=30))
    )
    action = catalog.action("stripe-create-subscription")
    result = await run_action(action, {"customer": CUSTOMER, "price": PRICE, "collectionMethod": "send_invoice"}, auth=AUTH)
    assert result.error is None, result.error
    assert form_of(route.calls.last.request) == [
        ("customer", CUSTOMER), ("items[0][price]", PRICE), ("collection_method", "send_invoice"), ("days_until_due", "30"),
    ]
    refused = await run_action(action, {"customer": CUSTOMER, "price": PRICE, "daysUntilDue": 10}, auth=AUTH)
    assert "daysUntilDue applies to collectionMethod `send_invoice` only" in refused.error
    assert route.call_count == 1


async def test_update_subscription_swaps_the_price_of_its_only_item(catalog, respx_mock):
    path = f"{API}/subscriptions/{SUB}"
    read = respx_mock.get(path).mock(return_value=httpx.Response(200, json=_subscription()))
    write = respx_mock.post(path).mock(
        return_value=httpx.Response(200, json=_subscription(items=[{
            "id": "si_Na6dzxczY5fwHx", "object": "subscription_item", "price": _price("price_1MoBy5LkdIwHu7ixZhnattbi", amount=9000,
                                                                                     recurring=_recurring("year")),
            "quantity": 1, "subscription": SUB,
        }]))
    )
    result = await run_action(
        catalog.action("stripe-update-subscription"),
        {"subscription": SUB, "price": "price_1MoBy5LkdIwHu7ixZhnattbi", "prorationBehavior": "always_invoice"},
        auth=AUTH,
    )
    assert result.error is None, result.error
    assert_stripe(read.calls.last.request, "GET", f"/subscriptions/{SUB}")
    assert_stripe(write.calls.last.request, "POST", f"/subscriptions/{SUB}",
                  form={"proration_behavior": "always_invoice", "items[0][id]": "si_Na6dzxczY5fwHx",
                        "items[0][price]": "price_1MoBy5LkdIwHu7ixZhnattbi"})
    assert result.ret["items"][0]["interval"] == "year"
    assert result.summary == f"Updated subscription {SUB} (items, proration_behavior); now active"


async def test_update_subscription_of_many_items_needs_the_item(catalog, respx_mock):
    item = _subscription()["items"]["data"][0]
    respx_mock.get(f"{API}/subscriptions/{SUB}").mock(
        return_value=httpx.Response(200, json=_subscription(items=[item, {**item, "id": "si_Na6dzxczY5fwHy"}]))
    )
    action = catalog.action("stripe-update-subscription")
    result = await run_action(action, {"subscription": SUB, "quantity": 4}, auth=AUTH)
    assert "has 2 items; name the one to change in `item`" in result.error
    assert "si_Na6dzxczY5fwHy" in result.error
    nothing = await run_action(action, {"subscription": SUB, "prorationBehavior": "none"}, auth=AUTH)
    assert "give something to change" in nothing.error


async def test_update_subscription_schedules_cancellation_and_named_item_quantity(catalog, respx_mock):
    route = respx_mock.post(f"{API}/subscriptions/{SUB}").mock(
        return_value=httpx.Response(200, json=_subscription(cancel_at_period_end=True))
    )
    result = await run_action(
        catalog.action("stripe-update-subscription"),
        {"subscription": SUB, "item": "si_Na6dzxczY5fwHx", "quantity": 10, "cancelAtPeriodEnd": True, "metadata": {"seats": ""}},
        auth=AUTH,
    )
    assert result.error is None, result.error
    assert_stripe(route.calls.last.request, "POST", f"/subscriptions/{SUB}",
                  form={"cancel_at_period_end": "true", "metadata[seats]": "", "items[0][id]": "si_Na6dzxczY5fwHx",
                        "items[0][quantity]": "10"})
    assert result.ret["cancel_at_period_end"] is True


async def test_cancel_subscription_now_with_feedback(catalog, respx_mock):
    route = respx_mock.delete(f"{API}/subscriptions/{SUB}").mock(
        return_value=httpx.Response(200, json=_subscription(status="canceled", canceled_at=1679610000, ended_at=1679610000))
    )
    action = catalog.action("stripe-cancel-subscription")
    result = await run_action(action, {"subscription": SUB, "prorate": True, "feedback": "too_expensive"}, auth=AUTH)
    assert result.error is None, result.error
    assert_stripe(route.calls.last.request, "DELETE", f"/subscriptions/{SUB}",
                  form={"prorate": "true", "cancellation_details[feedback]": "too_expensive"})
    assert result.ret["status"] == "canceled" and result.ret["canceled_at"] == 1679610000
    assert result.summary == f"Canceled subscription {SUB} (canceled)"
    assert action.annotations.destructive


async def test_cancel_subscription_at_period_end(catalog, respx_mock):
    route = respx_mock.post(f"{API}/subscriptions/{SUB}").mock(
        return_value=httpx.Response(200, json=_subscription(cancel_at_period_end=True, cancel_at=1682288167))
    )
    result = await run_action(catalog.action("stripe-cancel-subscription"), {"subscription": SUB, "atPeriodEnd": True}, auth=AUTH)
    assert result.error is None, result.error
    assert_stripe(route.calls.last.request, "POST", f"/subscriptions/{SUB}", form={"cancel_at_period_end": "true"})
    assert result.ret["cancel_at"] == 1682288167
    assert result.summary == f"Subscription {SUB} will end at the period's end (1682288167)"


async def test_list_subscriptions_and_their_options(catalog, respx_mock):
    route = respx_mock.get(f"{API}/subscriptions").mock(
        side_effect=[
            httpx.Response(200, json=_list([_subscription()], "/v1/subscriptions")),
            httpx.Response(200, json=_list([_subscription(customer=_customer())], "/v1/subscriptions")),
        ]
    )
    result = await run_action(catalog.action("stripe-list-subscriptions"), {"customer": CUSTOMER, "status": "all"}, auth=AUTH)
    assert result.error is None, result.error
    assert_stripe(route.calls[0].request, "GET", "/subscriptions", query={"customer": CUSTOMER, "status": "all", "limit": "25"})
    assert [s["id"] for s in result.ret["subscriptions"]] == [SUB]
    assert result.summary == "Listed 1 subscription"
    options = await fetch_options(catalog.action("stripe-cancel-subscription"), "subscription", {}, auth=AUTH)
    assert options["options"] == [{"label": f"jennyrosen@example.com: 10.00 USD/month (active) ({SUB})", "value": SUB}]
    assert_stripe(route.calls[1].request, "GET", "/subscriptions", query={"expand[0]": "data.customer", "limit": "100"})


# Catalog and coupons


async def test_list_products(catalog, respx_mock):
    route = respx_mock.get(f"{API}/products").mock(
        return_value=httpx.Response(200, json=_list([_product(default_price=PRICE)], "/v1/products", has_more=True))
    )
    result = await run_action(catalog.action("stripe-list-products"), {"limit": 1, "cursor": "prod_NWjs8kKbJWmuub"}, auth=AUTH)
    assert result.error is None, result.error
    assert_stripe(route.calls.last.request, "GET", "/products",
                  query={"active": "true", "limit": "1", "starting_after": "prod_NWjs8kKbJWmuub"})
    assert result.ret["products"] == [{
        "id": "prod_NWjs8kKbJWmuuc", "name": "Gold Plan", "description": None, "active": True, "default_price": PRICE,
        "url": None, "metadata": {}, "created": 1678833149,
    }]
    assert result.ret["next_cursor"] == "prod_NWjs8kKbJWmuuc"
    assert result.summary == "Listed 1 product (more available)"


async def test_create_coupon_percent_off_for_three_months(catalog, respx_mock):
    route = respx_mock.post(f"{API}/coupons").mock(return_value=httpx.Response(200, json=_coupon()))
    action = catalog.action("stripe-create-coupon")
    result = await run_action(action, {"percentOff": "25.5", "duration": "repeating", "durationInMonths": 3}, auth=AUTH)
    assert result.error is None, result.error
    assert_stripe(route.calls.last.request, "POST", "/coupons",
                  form={"percent_off": "25.5", "duration": "repeating", "duration_in_months": "3"}, idempotency="random")
    assert result.ret["percent_off"] == 25.5 and result.ret["valid"] is True
    assert result.summary == "Created coupon Z4OV52SU: 25.5% off, repeating"
    for values, message in (
        ({"percentOff": "10", "amountOff": 500, "currency": "usd"}, "either percentOff or amountOff"),
        ({"amountOff": 500}, "needs its currency"),
        ({"percentOff": "150"}, "at most 100"),
        ({"percentOff": "10", "duration": "repeating"}, "durationInMonths goes with"),
    ):
        refused = await run_action(action, values, auth=AUTH)
        assert message in refused.error
    assert route.call_count == 1


async def test_create_coupon_amount_off_with_a_code(catalog, respx_mock):
    route = respx_mock.post(f"{API}/coupons").mock(
        return_value=httpx.Response(200, json=_coupon(id="SUMMER5", percent_off=None, amount_off=500, currency="usd",
                                                      duration="once", duration_in_months=None, name="Summer"))
    )
    result = await run_action(
        catalog.action("stripe-create-coupon"),
        {"amountOff": 500, "currency": "USD", "id": "SUMMER5", "name": "Summer", "maxRedemptions": 100}, auth=AUTH,
    )
    assert result.error is None, result.error
    assert form_of(route.calls.last.request) == [
        ("amount_off", "500"), ("currency", "usd"), ("duration", "once"), ("name", "Summer"), ("id", "SUMMER5"),
        ("max_redemptions", "100"),
    ]
    assert result.summary == "Created coupon SUMMER5: 500 usd off, once"


async def test_list_coupons_and_coupon_options(catalog, respx_mock):
    route = respx_mock.get(f"{API}/coupons").mock(return_value=httpx.Response(200, json=_list([_coupon()], "/v1/coupons")))
    result = await run_action(catalog.action("stripe-list-coupons"), {}, auth=AUTH)
    assert result.error is None, result.error
    assert_stripe(route.calls.last.request, "GET", "/coupons", query={"limit": "25"})
    assert result.ret["coupons"][0]["duration_in_months"] == 3
    assert result.summary == "Listed 1 coupon"
    options = await fetch_options(catalog.action("stripe-create-subscription"), "coupon", {}, auth=AUTH)
    assert options["options"] == [{"label": "Z4OV52SU: 25.5% off, repeating (Z4OV52SU)", "value": "Z4OV52SU"}]


# Hosted payment pages


async def test_create_payment_link_with_two_prices_and_a_redirect(catalog, respx_mock):
    route = respx_mock.post(f"{API}/payment_links").mock(return_value=httpx.Response(200, json={
        "id": "plink_1MoC3ULkdIwHu7ixZjtGpVl2", "object": "payment_link", "active": True,
        "after_completion": {"redirect": {"url": "https://example.com/thanks"}, "type": "redirect"},
        "allow_promotion_codes": True, "billing_address_collection": "auto", "currency": "usd", "livemode": False,
        "metadata": {}, "url": "https://buy.stripe.com/test_cN25nr0iZ7bUa7meUY",
    }))
    result = await run_action(
        catalog.action("stripe-create-payment-link"),
        {"price": PRICE, "quantity": 2, "moreLineItems": [{"price": "price_1MoBy5LkdIwHu7ixZhnattbi"}],
         "redirectUrl": "https://example.com/thanks", "allowPromotionCodes": True},
        auth=AUTH,
    )
    assert result.error is None, result.error
    assert_stripe(
        route.calls.last.request, "POST", "/payment_links",
        form={"line_items[0][price]": PRICE, "line_items[0][quantity]": "2",
              "line_items[1][price]": "price_1MoBy5LkdIwHu7ixZhnattbi", "line_items[1][quantity]": "1",
              "after_completion[type]": "redirect", "after_completion[redirect][url]": "https://example.com/thanks",
              "allow_promotion_codes": "true"},
        idempotency="random",
    )
    assert result.ret["url"] == "https://buy.stripe.com/test_cN25nr0iZ7bUa7meUY"
    assert result.summary == "Created payment link plink_1MoC3ULkdIwHu7ixZjtGpVl2: https://buy.stripe.com/test_cN25nr0iZ7bUa7meUY"
    bad = await run_action(catalog.action("stripe-create-payment-link"), {"price": PRICE, "moreLineItems": [{"quantity": 2}]}, auth=AUTH)
    assert "line item 2 needs a `price`" in bad.error


async def test_create_checkout_session_for_a_subscription(catalog, respx_mock):
    url = "https://checkout.stripe.com/c/pay/cs_test_a11YYufWQzNY63zpQ6QSNRQhkUpVph4WRmzW0zWJO2znZKdVujZ0N0S22u"
    route = respx_mock.post(f"{API}/checkout/sessions").mock(return_value=httpx.Response(200, json={
        "id": "cs_test_a11YYufWQzNY63zpQ6QSNRQhkUpVph4WRmzW0zWJO2znZKdVujZ0N0S22u", "object": "checkout.session",
        "amount_subtotal": 1000, "amount_total": 1000, "cancel_url": None, "client_reference_id": "cart_42", "currency": "usd",
        "customer": CUSTOMER, "customer_email": None, "expires_at": 1679600215, "livemode": False, "metadata": {},
        "mode": "subscription", "payment_intent": None, "payment_status": "unpaid", "status": "open", "subscription": None,
        "success_url": "https://example.com/success", "url": url,
    }))
    action = catalog.action("stripe-create-checkout-session")
    result = await run_action(
        action,
        {"successUrl": "https://example.com/success", "mode": "subscription", "price": PRICE, "customer": CUSTOMER,
         "clientReferenceId": "cart_42"},
        auth=AUTH,
    )
    assert result.error is None, result.error
    assert_stripe(
        route.calls.last.request, "POST", "/checkout/sessions",
        form={"mode": "subscription", "success_url": "https://example.com/success", "line_items[0][price]": PRICE,
              "line_items[0][quantity]": "1", "customer": CUSTOMER, "client_reference_id": "cart_42"},
        idempotency="random",
    )
    assert result.ret["url"] == url and result.ret["status"] == "open"
    assert result.summary == f"Created checkout session cs_test_a11YYufWQzNY63zpQ6QSNRQhkUpVph4WRmzW0zWJO2znZKdVujZ0N0S22u: {url}"
    both = await run_action(
        action, {"successUrl": "https://example.com/success", "price": PRICE, "customer": CUSTOMER, "customerEmail": "a@example.com"},
        auth=AUTH,
    )
    assert "either customer or customerEmail" in both.error
    assert route.call_count == 1
