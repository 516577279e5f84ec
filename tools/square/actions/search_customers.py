from mcp_gateway.catalog import props, within

from ..app import app, collect, customer_summary


@app.action(
    "search-customers",
    title="Search Customers",
    description=(
        "Find customer profiles in the seller's Square directory by email, phone or reference ID (exact or partial), "
        "or list the newest ones. To read one profile whose ID you have, use square-get-customer."
    ),
    props={
        "email": props.string(
            "Email", "Only customers with this email address, e.g. `ada@example.com`.", optional=True),
        "phone": props.string(
            "Phone", "Only customers with this phone number, with country code, e.g. `+14155550123`.", optional=True),
        "referenceId": props.string("Reference ID", "Only customers with this reference ID (your own ID for them).", optional=True),
        "fuzzy": props.boolean(
            "Partial Match",
            "Match email and phone partially (e.g. `example.com`, or the last digits of a phone) instead of exactly.",
            optional=True, default=False,
        ),
        "createdAfter": props.string(
            "Created After", "Only customers created at or after this time, RFC 3339, e.g. `2026-11-01T00:00:00Z`.",
            optional=True),
        "sortOrder": props.string(
            "Order", "`DESC` for the newest first (the default), `ASC` for the oldest first.", options=["DESC", "ASC"],
            optional=True, default="DESC"),
        "limit": props.limit("customers"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("customers", customer_summary),
)
async def search_customers(ctx):
    match = "fuzzy" if ctx.props.get("fuzzy") else "exact"
    filters = {}
    if ctx.props.get("email"):
        filters["email_address"] = {match: ctx.props.email.strip()}
    if ctx.props.get("phone"):
        filters["phone_number"] = {match: ctx.props.phone.strip()}
    if ctx.props.get("referenceId"):
        filters["reference_id"] = {"exact": ctx.props.referenceId.strip()}
    if ctx.props.get("createdAfter"):
        filters["created_at"] = {"start_at": ctx.props.createdAfter}
    query = {"sort": {"field": "CREATED_AT", "order": ctx.props.get("sortOrder") or "DESC"}}
    if filters:
        query["filter"] = filters
    customers, cursor = await collect(ctx, "POST", "/v2/customers/search", "customers", limit=ctx.props.limit,
                                      cursor=ctx.props.get("cursor"), body={"query": query})
    ctx.summary = f"Found {len(customers)} customer{'s' if len(customers) != 1 else ''}"
    return {"customers": customers, "next_cursor": cursor}
