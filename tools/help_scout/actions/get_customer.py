from ..app import api, app, customer_summary


@app.action(
    "get-customer",
    title="Get Customer",
    description=(
        "Read one Help Scout customer's profile by ID: name, emails, phones, organization, job title, location and "
        "background notes. To find a customer by email use help_scout-list-customers."
    ),
    props={"customerId": app.definition("customerId")},
    read_only=True,
    trim=customer_summary,
)
async def get_customer(ctx):
    customer = await api(ctx, "GET", f"/customers/{ctx.props.customerId}")
    name = " ".join(filter(None, (customer.get("firstName"), customer.get("lastName")))) or customer.get("id")
    ctx.summary = f"Read the customer {name}"
    return customer
