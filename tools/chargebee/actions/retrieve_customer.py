from urllib.parse import quote

from ..app import api, app, customer_summary


def _details(found):
    customer = found.get("customer") or {}
    return {**customer_summary(customer), "billing_address": customer.get("billing_address"),
            "preferred_currency_code": customer.get("preferred_currency_code"),
            "promotional_credits": customer.get("promotional_credits"), "refundable_credits": customer.get("refundable_credits"),
            "excess_payments": customer.get("excess_payments"), "unbilled_charges": customer.get("unbilled_charges"),
            "card": {k: (found.get("card") or {}).get(k) for k in ("card_type", "last4", "expiry_month", "expiry_year")}
            if found.get("card") else None}


@app.action(
    "retrieve-customer",
    title="Retrieve Customer",
    description=(
        "Read one Chargebee customer: contact details, billing address, credits and balances, and the card on file "
        "(type and last four digits). To find a customer by email use chargebee-list-customers; for their "
        "subscriptions use chargebee-list-subscriptions with the customer ID."
    ),
    props={"customerId": app.definition("customerId")},
    read_only=True,
    trim=_details,
)
async def retrieve_customer(ctx):
    found = await api(ctx, "GET", f"/customers/{quote(ctx.props.customerId.strip(), safe='')}")
    customer = found.get("customer") or {}
    ctx.summary = f"Read the customer {customer.get('email') or customer.get('id')}"
    return found
