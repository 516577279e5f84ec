from mcp_gateway.catalog import props, within

from ..app import app, customer_summary, page


@app.action(
    "list-customers",
    title="List Customers",
    description=(
        "List or search the store's WooCommerce customers (registered accounts) by name or email words, or one exact "
        "email. Their IDs filter woocommerce-list-orders. Guest buyers have no customer record; find their orders by "
        "searching woocommerce-list-orders."
    ),
    props={
        "search": props.string("Search", "Only customers matching these words.", optional=True),
        "email": props.string("Email", "Only the customer with exactly this email.", optional=True),
        "role": props.string("Role", "Only users with this role; WooCommerce lists `customer` by default, `all` for every role.",
                             optional=True),
        "limit": props.limit("customers"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("customers", customer_summary),
)
async def list_customers(ctx):
    params = {field: ctx.props[prop] for prop, field in (("search", "search"), ("email", "email"), ("role", "role"))
              if ctx.props.get(prop)}
    found = await page(ctx, "/customers", "customers", limit=ctx.props.limit, cursor=ctx.props.get("cursor"), params=params)
    ctx.summary = f"Listed {len(found['customers'])} customer{'s' if len(found['customers']) != 1 else ''}"
    return found
