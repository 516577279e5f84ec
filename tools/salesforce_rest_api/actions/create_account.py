from mcp_gateway.catalog import props

from ..app import app, create_record, created_summary, extra_fields, set_if


@app.action(
    "create-account",
    title="Create Account",
    description=(
        "Create an account (a company or organization) in Salesforce with its name, phone, website, industry, type "
        "and billing address. Returns the new account's ID and link. Check first with "
        "salesforce_rest_api-search-records that it is not there yet; then add people with "
        "salesforce_rest_api-create-contact."
    ),
    props={
        "name": props.string("Account Name", "The company's name, e.g. `Acme Corporation`."),
        "phone": props.string("Phone", "The main phone number.", optional=True),
        "website": props.string("Website", "The website, e.g. `https://acme.example.com`.", optional=True),
        "industry": props.string("Industry", "The industry picklist value, e.g. `Technology`, `Energy`, `Banking`.", optional=True),
        "type": props.string("Type", "The account type, e.g. `Prospect`, `Customer - Direct`, `Partner`.", optional=True),
        "billingStreet": props.string("Billing Street", "Street of the billing address.", optional=True),
        "billingCity": props.string("Billing City", "City of the billing address.", optional=True),
        "billingPostalCode": props.string("Billing Postal Code", "Postal code of the billing address.", optional=True),
        "billingCountry": props.string("Billing Country", "Country of the billing address, e.g. `United States`.", optional=True),
        "description": props.string("Description", "Notes about the account.", optional=True),
        "additionalFields": app.definition("additionalFields"),
    },
    trim=created_summary,
)
async def create_account(ctx):
    fields = {"Name": ctx.props.name}
    for prop, field in (("phone", "Phone"), ("website", "Website"), ("industry", "Industry"), ("type", "Type"),
                        ("billingStreet", "BillingStreet"), ("billingCity", "BillingCity"),
                        ("billingPostalCode", "BillingPostalCode"), ("billingCountry", "BillingCountry"),
                        ("description", "Description")):
        set_if(fields, field, ctx.props.get(prop))
    extra_fields(ctx, fields)
    created = await create_record(ctx, "Account", fields)
    ctx.summary = f"Created account {created['id']} ({ctx.props.name})"
    return created
