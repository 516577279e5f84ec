from mcp_gateway.catalog import props, within

from ..app import app, customer_summary, list_page, listed


@app.action(
    "list-customers",
    title="List Customers",
    description=(
        "List the Stripe account's customers, newest first, optionally only those with an exact email address. "
        "To find customers by part of a name or by metadata, use stripe-search-customers; for one known ID, "
        "stripe-retrieve-customer. Returns `customers` and a `next_cursor` when more exist."
    ),
    props={
        "email": props.string(
            "Email", "Only customers with exactly this email address (case-sensitive).", optional=True,
        ),
        "limit": props.limit("customers"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("customers", customer_summary),
)
async def list_customers(ctx):
    params = {"email": ctx.props.email} if ctx.props.get("email") else {}
    customers, next_cursor = await list_page(ctx, "/customers", params)
    ctx.summary = listed(len(customers), "customer", next_cursor)
    return {"customers": customers, "next_cursor": next_cursor}
