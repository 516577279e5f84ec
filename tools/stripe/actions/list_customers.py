from mcp_gateway.catalog import props

from ..app import app, customer_summary, request


@app.action(
    "list-customers",
    title="List Customers",
    description=(
        "List the Stripe account's customers, newest first, optionally only those with an exact email address. "
        "Returns one page and, when there are more, the ID to pass as `startingAfter` for the next page."
    ),
    props={
        "email": props.string(
            "Email", "Only customers with exactly this email address (case-sensitive).", optional=True,
        ),
        "limit": app.definition("limit"),
        "startingAfter": props.string(
            "Starting After", "For the next page: the ID of the last customer of the previous page, e.g. `cus_NffrFeUfNV2Hib`.",
            optional=True,
        ),
    },
    read_only=True,
)
async def list_customers(ctx):
    params = {"limit": ctx.props.limit}
    for name, field in (("email", "email"), ("startingAfter", "starting_after")):
        if ctx.props.get(name):
            params[field] = ctx.props[name]
    data = await request(ctx, "GET", "/customers", params=params)
    customers = [customer_summary(c) for c in data.get("data") or []]
    has_more = bool(data.get("has_more"))
    ctx.summary = f"Listed {len(customers)} customer{'s' if len(customers) != 1 else ''}" + (" (more available)" if has_more else "")
    return {
        "customers": customers,
        "has_more": has_more,
        "next_starting_after": customers[-1]["id"] if has_more and customers else None,
    }
