from mcp_gateway.catalog import props

from ..app import app, get_json, ticket_summary

SORTS = ["updated_at", "created_at", "priority", "status", "ticket_type"]


@app.action(
    "search-tickets",
    title="Search Tickets",
    description=(
        "Find Zendesk tickets with Zendesk's search syntax (status, requester, assignee, tags, dates, text). Returns "
        "one page of matching tickets and the total count."
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
        "perPage": props.integer("Per Page", "How many tickets per page (1 to 100).", min=1, max=100, default=25),
        "page": props.integer(
            "Page", "Which page, from 1. Zendesk returns at most 1,000 results in all.", min=1, default=1
        ),
    },
    read_only=True,
)
async def search_tickets(ctx):
    query = ctx.props.query.strip()
    if "type:ticket" not in query:
        query = f"type:ticket {query}"
    params = {"query": query, "per_page": ctx.props.perPage, "page": ctx.props.page}
    if ctx.props.get("sortBy"):
        params["sort_by"] = ctx.props.sortBy
        params["sort_order"] = ctx.props.sortOrder
    body = await get_json(ctx, "/search", params)
    tickets = [ticket_summary(ctx, r) for r in body.get("results") or [] if r.get("result_type", "ticket") == "ticket"]
    count = body.get("count", len(tickets))
    ctx.summary = f"Found {count} ticket{'s' if count != 1 else ''} for {ctx.props.query!r}, returned {len(tickets)}"
    return {"count": count, "tickets": tickets, "has_more": bool(body.get("next_page")), "page": ctx.props.page}
