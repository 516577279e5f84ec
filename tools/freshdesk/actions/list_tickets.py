from mcp_gateway.catalog import props, within

from ..app import app, collect, ticket_summary


@app.action(
    "list-tickets",
    title="List Tickets",
    description=(
        "List Freshdesk tickets, newest first, optionally one requester's or company's, or a predefined view "
        "(`new_and_my_open`, `watching`, `spam`, `deleted`). Freshdesk lists only tickets created in the last 30 days "
        "unless Updated Since is given. To filter by status, priority, agent, tag or custom field use "
        "freshdesk-search-tickets."
    ),
    props={
        "filter": props.string("View", "A predefined view: `new_and_my_open`, `watching`, `spam` or `deleted`.",
                               options=["new_and_my_open", "watching", "spam", "deleted"], optional=True),
        "requesterEmail": props.string("Requester Email", "Only tickets of the contact with this email.", optional=True),
        "requesterId": props.integer("Requester", "Only tickets of this contact (their ID, from freshdesk-list-contacts).",
                                     optional=True),
        "companyId": app.definition("companyId", description="Only tickets of this company (its ID)."),
        "updatedSince": props.string("Updated Since", "Only tickets changed since this time, e.g. `2026-11-01T00:00:00Z`.",
                                     optional=True),
        "orderBy": props.string("Order By", "`created_at` (the default), `due_by`, `updated_at` or `status`.",
                                options=["created_at", "due_by", "updated_at", "status"], optional=True),
        "orderType": props.string("Order", "`desc` (the default) or `asc`.", options=["desc", "asc"], optional=True),
        "limit": props.limit("tickets"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("tickets", ticket_summary),
)
async def list_tickets(ctx):
    params = {field: ctx.props[name] for name, field in (
        ("filter", "filter"), ("requesterEmail", "email"), ("requesterId", "requester_id"), ("companyId", "company_id"),
        ("updatedSince", "updated_since"), ("orderBy", "order_by"), ("orderType", "order_type"))
        if ctx.props.get(name) not in (None, "")}
    tickets, following = await collect(ctx, "/tickets", limit=ctx.props.limit, cursor=ctx.props.get("cursor"), params=params)
    ctx.summary = f"Listed {len(tickets)} ticket{'s' if len(tickets) != 1 else ''}"
    return {"tickets": tickets, "next_cursor": following}
