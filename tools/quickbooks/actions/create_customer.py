from mcp_gateway.catalog import ActionError, props

from ..app import api, app, customer_summary


@app.action(
    "create-customer",
    title="Create Customer",
    description=(
        "Add a customer to the QuickBooks company. The display name must be unique among customers, vendors and "
        "employees: look for an existing one first with quickbooks-query. Returns the customer with its ID, for "
        "quickbooks-create-invoice."
    ),
    props={
        "displayName": props.string(
            "Display Name", "The name shown in QuickBooks and on invoices, e.g. `Acme Corp`; defaults to the company "
            "name or the person's name.", optional=True),
        "givenName": props.string("First Name", "The contact's first name.", optional=True),
        "familyName": props.string("Last Name", "The contact's last name.", optional=True),
        "companyName": props.string("Company", "The customer's company name.", optional=True),
        "email": props.string("Email", "Where invoices are emailed, e.g. `billing@acme.com`.", optional=True),
        "phone": props.string("Phone", "The main phone number, e.g. `(555) 555-5555`.", optional=True),
        "billingAddress": props.obj(
            "Billing Address",
            "The billing address in QuickBooks' fields, e.g. `{\"Line1\": \"123 Main Street\", \"City\": \"Mountain "
            "View\", \"CountrySubDivisionCode\": \"CA\", \"PostalCode\": \"94042\", \"Country\": \"USA\"}`.",
            optional=True,
        ),
        "notes": props.string("Notes", "A note kept with the customer.", optional=True),
    },
    trim=customer_summary,
)
async def create_customer(ctx):
    person = " ".join(p for p in (ctx.props.get("givenName"), ctx.props.get("familyName")) if p)
    display = ctx.props.get("displayName") or ctx.props.get("companyName") or person
    if not display:
        raise ActionError("give the customer a name: displayName, companyName, or givenName and familyName")
    body = {"DisplayName": display}
    for prop, field in (("givenName", "GivenName"), ("familyName", "FamilyName"), ("companyName", "CompanyName"),
                        ("notes", "Notes"), ("billingAddress", "BillAddr")):
        if ctx.props.get(prop):
            body[field] = ctx.props[prop]
    if ctx.props.get("email"):
        body["PrimaryEmailAddr"] = {"Address": ctx.props.email}
    if ctx.props.get("phone"):
        body["PrimaryPhone"] = {"FreeFormNumber": ctx.props.phone}
    customer = (await api(ctx, "POST", "/customer", json=body)).get("Customer") or {}
    ctx.summary = f"Created the customer {customer.get('DisplayName')!r} (ID {customer.get('Id')})"
    return customer
