from mcp_gateway.catalog import props

from ..app import app, clean, customer_summary, idempotency_key, request


@app.action(
    "create-customer",
    title="Create Customer",
    description=(
        "Create a customer in Stripe, to charge, invoice or subscribe later. Check first with "
        "stripe-search-customers that the person is not there already; to change an existing customer use "
        "stripe-update-customer. Returns the new customer's ID (`cus_...`), needed by the payment, invoice and "
        "subscription actions."
    ),
    props={
        "email": props.string("Email", "The customer's email address, e.g. `jenny.rosen@example.com`.", optional=True),
        "name": props.string("Name", "The customer's full name or business name, e.g. `Jenny Rosen`.", optional=True),
        "phone": props.string("Phone", "The customer's phone number, e.g. `+15555550123`.", optional=True),
        "description": props.string(
            "Description", "A note about the customer shown in the Dashboard, e.g. `Signed up via the website`.", optional=True,
        ),
        "metadata": app.definition("metadata"),
        "idempotencyKey": app.definition("idempotencyKey"),
    },
    trim=customer_summary,
)
async def create_customer(ctx):
    data = clean({name: ctx.props.get(name) for name in ("email", "name", "phone", "description", "metadata")})
    customer = await request(ctx, "POST", "/customers", data=data, idempotency_key=idempotency_key(ctx))
    who = customer.get("name") or customer.get("email")
    ctx.summary = f"Created customer {customer['id']}" + (f" ({who})" if who else "")
    return customer
