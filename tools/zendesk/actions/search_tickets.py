from mcp_gateway.catalog import props, within

from ..app import app, get_json, next_offset, offset_page, ticket_summary

SORTS = ["updated_at", "created_at", "priority", "status", "ticket_type"]


@app.action(
    "search-tickets",
    title="Search Tickets",
    description=(
        "Find Zendesk tickets with Zendesk's search syntax (status, requester, assignee, tags, dates, text). Returns "
        "matching tickets, the total count and a cursor for more. For the tickets of a saved view use List Tickets "
        "in View; for one ticket whose number you have use Get Ticket."
    ),
    props={
        "query": props.string(
            "Query",
            "A Zendesk search query, e.g. `status<solved requester:customer@example.com`, `tags:vip priority:urgent`, "
            "`assignee:me created>2025-06-01` or plain words. Only tickets are returned (`type:ticket` is added).",
        ),
        "sortBy": props.string(
            "Sort By", "What to order tickets by. Leave empty for relevance.", options=SORTS, optional=True
        ),
        "sortOrder": props.string(
            "Sort Order", "`desc` (newest or highest first) or `asc`.", options=["desc", "asc"], default="desc"
        ),
        "limit": props.limit("tickets"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("tickets", ticket_summary),
)
async def search_tickets(ctx):
    query = ctx.props.query.strip()
    if "type:ticket" not in query:
        query = f"type:ticket {query}"
    page, per_page, skip = offset_page(ctx)
    params = {"query": query, "per_page": per_page, "page": page}
    if ctx.props.get("sortBy"):
        params["sort_by"] = ctx.props.sortBy
        params["sort_order"] = ctx.props.sortOrder
    body = await get_json(ctx, "/search", params)
    tickets = [r for r in body.get("results") or [] if r.get("result_type", "ticket") == "ticket"][skip:]
    count = body.get("count", len(tickets))
    ctx.summary = f"Found {count} ticket{'s' if count != 1 else ''} for {ctx.props.query!r}, returned {len(tickets)}"
    # Zendesk serves at most 1,000 search results; past that there is no next page.
    return {"tickets": tickets, "count": count, "next_cursor": next_offset(page, per_page, body)}
