from ..app import api, app, customer_summary, seg


@app.action(
    "get-customer",
    title="Get Customer",
    description=(
        "Read one QuickBooks customer by ID: name, contact details, address and open balance. To find customers by "
        "name or email, use quickbooks-query (`SELECT * FROM Customer WHERE DisplayName LIKE 'Acme%'`)."
    ),
    props={"customerId": app.definition("customerId")},
    read_only=True,
    trim=customer_summary,
)
async def get_customer(ctx):
    customer = (await api(ctx, "GET", f"/customer/{seg(ctx.props.customerId, 'customer ID')}")).get("Customer") or {}
    ctx.summary = f"Read the customer {customer.get('DisplayName')!r}"
    return customer
