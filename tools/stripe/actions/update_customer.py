from mcp_gateway.catalog import ActionError, props

from ..app import app, clean, customer_summary, request


@app.action(
    "update-customer",
    title="Update Customer",
    description=(
        "Change a Stripe customer's email, name, phone, description or metadata. Only the values given are "
        "changed; to add a new customer use stripe-create-customer. Returns the updated customer."
    ),
    props={
        "customer": app.definition("customer"),
        "email": props.string("Email", "The new email address, e.g. `jenny.rosen@example.com`.", optional=True),
        "name": props.string("Name", "The new full name or business name.", optional=True),
        "phone": props.string("Phone", "The new phone number, e.g. `+15555550123`.", optional=True),
        "description": props.string("Description", "The new note about the customer.", optional=True),
        "metadata": app.definition("metadata"),
    },
    idempotent=True,
    trim=customer_summary,
)
async def update_customer(ctx):
    data = clean({name: ctx.props.get(name) for name in ("email", "name", "phone", "description")})
    if ctx.props.get("metadata"):
        data["metadata"] = ctx.props.metadata  # empty strings in metadata unset keys, so keep them
    if not data:
        raise ActionError("give at least one value to change: email, name, phone, description or metadata")
    customer = await request(ctx, "POST", f"/customers/{ctx.props.customer}", data=data)
    ctx.summary = f"Updated customer {customer['id']} ({', '.join(sorted(data))})"
    return customer
