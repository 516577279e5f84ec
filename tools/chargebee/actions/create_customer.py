from mcp_gateway.catalog import ActionError, props

from ..app import api, app, customer_summary


@app.action(
    "create-customer",
    title="Create Customer",
    description=(
        "Add a customer to the Chargebee site, with name, email, company and phone. Chargebee does not stop two "
        "customers sharing an email, so look first with chargebee-list-customers. Returns the new customer's ID."
    ),
    props={
        "id": props.string("Customer ID", "An ID of your own for the customer, e.g. your user ID; Chargebee makes one "
                           "when left empty.", optional=True),
        "firstName": props.string("First Name", "The customer's first name.", optional=True),
        "lastName": props.string("Last Name", "The customer's last name.", optional=True),
        "email": props.string("Email", "The customer's email, where Chargebee sends invoices, e.g. `ada@example.com`.", optional=True),
        "company": props.string("Company", "The customer's company name.", optional=True),
        "phone": props.string("Phone", "The customer's phone number.", optional=True),
        "autoCollection": props.string("Auto Collection", "`on` to charge the card on file automatically, `off` to collect "
                                       "invoices offline; the site's default when empty.", options=["on", "off"], optional=True),
    },
    trim=lambda found: customer_summary(found.get("customer") or {}),
)
async def create_customer(ctx):
    fields = (("id", "id"), ("firstName", "first_name"), ("lastName", "last_name"), ("email", "email"),
              ("company", "company"), ("phone", "phone"), ("autoCollection", "auto_collection"))
    body = {field: ctx.props[prop] for prop, field in fields if ctx.props.get(prop)}
    if not any(k in body for k in ("first_name", "last_name", "email", "company")):
        raise ActionError("give the customer a name, an email or a company")
    found = await api(ctx, "POST", "/customers", data=body)
    customer = found.get("customer") or {}
    ctx.summary = f"Created the customer {customer.get('id')}"
    return found
