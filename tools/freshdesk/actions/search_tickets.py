from mcp_gateway.catalog import props, within

from ..app import app, search, ticket_summary


@app.action(
    "search-tickets",
    title="Search Tickets",
    description=(
        "Find Freshdesk tickets with Freshdesk's filter query: fields, `:` and AND/OR, e.g. "
        "`status:2 AND priority:4`, `agent_id:null`, `tag:'vip'`, `created_at:>'2026-11-01'`, `cf_order_number:'A-19'`. "
        "Status: 2 Open, 3 Pending, 4 Resolved, 5 Closed; priority 1 Low to 4 Urgent. Only the first 300 matches can "
        "be read. For a requester's or company's tickets, freshdesk-list-tickets is simpler."
    ),
    props={
        "query": props.string("Query", "The filter, without the surrounding double quotes, e.g. `status:2 AND group_id:11`. "
                              "Text values go in single quotes."),
        "limit": props.limit("tickets"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("tickets", ticket_summary),
)
async def search_tickets(ctx):
    tickets, total, following = await search(ctx, "/search/tickets", ctx.props.query.strip(), limit=ctx.props.limit,
                                             cursor=ctx.props.get("cursor"))
    ctx.summary = f"Found {total} ticket{'s' if total != 1 else ''}; listed {len(tickets)}"
    return {"tickets": tickets, "total": total, "next_cursor": following}
