from mcp_gateway.catalog import ActionError, props, within

from ..app import app, collect, order_summary

_STATES = ["OPEN", "COMPLETED", "CANCELED", "DRAFT"]


@app.action(
    "search-orders",
    title="Search Orders",
    description=(
        "Find orders at one or more of the seller's locations, by state, customer or creation time, newest first. "
        "For one order by ID use square-get-order."
    ),
    props={
        "locationIds": props.string_list(
            "Locations", "One to ten location IDs to search, from square-list-locations.",
            options=app.definition("locationId").options),
        "states": props.string_list("States", "Only orders in these states: `OPEN`, `COMPLETED`, `CANCELED`, `DRAFT`.",
                                    options=_STATES, optional=True),
        "customerIds": props.string_list("Customers", "Only orders of these customer IDs (square-search-customers).",
                                         optional=True),
        "createdAfter": props.string("Created After", "Only orders created at or after this time, RFC 3339, e.g. "
                                     "`2026-12-01T00:00:00Z`.", optional=True),
        "createdBefore": props.string("Created Before", "Only orders created before this time, RFC 3339.", optional=True),
        "limit": props.limit("orders"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("orders", order_summary),
)
async def search_orders(ctx):
    locations = [str(v).strip() for v in ctx.props.locationIds if str(v).strip()]
    if not 1 <= len(locations) <= 10:
        raise ActionError("give one to ten location IDs in locationIds (square-list-locations lists them)")
    states = [str(s).upper() for s in ctx.props.get("states") or []]
    wrong = [s for s in states if s not in _STATES]
    if wrong:
        raise ActionError(f"states {wrong} are not order states; use {', '.join(_STATES)}")
    filters = {}
    if states:
        filters["state_filter"] = {"states": states}
    if ctx.props.get("customerIds"):
        filters["customer_filter"] = {"customer_ids": list(ctx.props.customerIds)}
    created = {k: ctx.props[p] for p, k in (("createdAfter", "start_at"), ("createdBefore", "end_at")) if ctx.props.get(p)}
    if created:
        filters["date_time_filter"] = {"created_at": created}
    # Square sorts by the field a time filter names; creation time is the one offered here.
    query = {"sort": {"sort_field": "CREATED_AT", "sort_order": "DESC"}}
    if filters:
        query["filter"] = filters
    orders, cursor = await collect(ctx, "POST", "/v2/orders/search", "orders", limit=ctx.props.limit,
                                   cursor=ctx.props.get("cursor"), body={"location_ids": locations, "query": query})
    ctx.summary = f"Found {len(orders)} order{'s' if len(orders) != 1 else ''}"
    return {"orders": orders, "next_cursor": cursor}
