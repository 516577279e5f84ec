from mcp_gateway.catalog import props, within

from ..app import app, collect, customer_summary, entry, filters


@app.action(
    "list-customers",
    title="List Customers",
    description=(
        "List the customers of the Chargebee site, newest first, optionally only those with an exact email, company "
        "or first/last name. Returns their IDs, names and emails. For one customer's full record use "
        "chargebee-retrieve-customer."
    ),
    props={
        "email": props.string("Email", "Only the customer(s) with exactly this email, e.g. `ada@example.com`.", optional=True),
        "company": props.string("Company", "Only customers of exactly this company name.", optional=True),
        "firstName": props.string("First Name", "Only customers with exactly this first name.", optional=True),
        "lastName": props.string("Last Name", "Only customers with exactly this last name.", optional=True),
        "limit": props.limit("customers"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("customers", entry("customer", customer_summary)),
)
async def list_customers(ctx):
    params = {"sort_by[desc]": "created_at", **filters(ctx, (
        ("email", "email"), ("company", "company"), ("firstName", "first_name"), ("lastName", "last_name")))}
    found = await collect(ctx, "/customers", "customers", limit=ctx.props.limit, cursor=ctx.props.get("cursor"), params=params)
    ctx.summary = f"Listed {len(found['customers'])} customer{'s' if len(found['customers']) != 1 else ''}"
    return found
