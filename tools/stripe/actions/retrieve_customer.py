from ..app import app, customer_summary, request


@app.action(
    "retrieve-customer",
    title="Retrieve Customer",
    description=(
        "Get one Stripe customer by ID: name, email, phone, balance, currency and metadata. Without the ID, find "
        "the customer by email or name with stripe-search-customers. A deleted customer comes back as "
        "`{\"id\": ..., \"deleted\": true}`."
    ),
    props={"customer": app.definition("customer")},
    read_only=True,
    trim=customer_summary,
)
async def retrieve_customer(ctx):
    customer = await request(ctx, "GET", f"/customers/{ctx.props.customer}")
    if customer.get("deleted"):
        ctx.summary = f"Customer {customer.get('id')} has been deleted"
    else:
        ctx.summary = f"Retrieved customer {customer['id']}" + (f" ({customer['email']})" if customer.get("email") else "")
    return customer
