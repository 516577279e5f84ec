from mcp_gateway.catalog import props, within

from ..app import app, collect, payment_summary


@app.action(
    "list-payments",
    title="List Payments",
    description=(
        "List payments the seller took (card, cash, wallets), newest first, optionally at one location or in a time "
        "range. Amounts are in the currency's smallest unit (cents for USD). For one payment by ID use "
        "square-get-payment; to give money back, square-refund-payment."
    ),
    props={
        "locationId": app.definition("locationId", optional=True,
                                     description="Only payments at this location (from square-list-locations). "
                                                 "Empty: every location."),
        "beginTime": props.string(
            "From", "Only payments created at or after this time, RFC 3339, e.g. `2026-12-01T00:00:00Z` "
            "(Square defaults to one year back).", optional=True),
        "endTime": props.string("Until", "Only payments created before this time, RFC 3339.", optional=True),
        "sortOrder": props.string("Order", "`DESC` for the newest first (the default), `ASC` for the oldest first.",
                                  options=["DESC", "ASC"], optional=True, default="DESC"),
        "limit": props.limit("payments"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("payments", payment_summary),
)
async def list_payments(ctx):
    params = {"sort_order": ctx.props.get("sortOrder") or "DESC"}
    for prop, name in (("locationId", "location_id"), ("beginTime", "begin_time"), ("endTime", "end_time")):
        if ctx.props.get(prop):
            params[name] = ctx.props[prop]
    payments, cursor = await collect(ctx, "GET", "/v2/payments", "payments", limit=ctx.props.limit,
                                     cursor=ctx.props.get("cursor"), params=params)
    ctx.summary = f"Listed {len(payments)} payment{'s' if len(payments) != 1 else ''}"
    return {"payments": payments, "next_cursor": cursor}
