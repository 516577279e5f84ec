from mcp_gateway.catalog import ActionError

from ..app import api, app, customer_summary, idempotency_key
from .update_customer import CUSTOMER_FIELDS, customer_body


@app.action(
    "create-customer",
    title="Create Customer",
    description=(
        "Add a customer profile to the seller's Square directory. Square does not stop duplicates: search first with "
        "square-search-customers, and change an existing profile with square-update-customer. Returns the new "
        "customer with its ID."
    ),
    props={**CUSTOMER_FIELDS, "idempotencyKey": app.definition("idempotencyKey")},
    trim=customer_summary,
)
async def create_customer(ctx):
    body = customer_body(ctx)
    if not any(body.get(f) for f in ("given_name", "family_name", "company_name", "email_address", "phone_number")):
        raise ActionError("give the customer at least one of givenName, familyName, companyName, emailAddress or phoneNumber")
    body["idempotency_key"] = idempotency_key(ctx)
    customer = (await api(ctx, "POST", "/v2/customers", json=body)).get("customer") or {}
    ctx.summary = f"Created the customer {customer.get('id')}"
    return customer
