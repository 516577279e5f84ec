from mcp_gateway.catalog import props, within

from ..app import api, app

# Datadog returns at most 1000 logs a page.
MAX_PAGE = 1000


def _log(log):
    attributes = log.get("attributes") or {}
    return {"id": log.get("id"), "timestamp": attributes.get("timestamp"), "status": attributes.get("status"),
            "service": attributes.get("service"), "host": attributes.get("host"), "message": attributes.get("message"),
            "tags": attributes.get("tags")}


@app.action(
    "search-logs",
    title="Search Logs",
    description=(
        "Find log events in Datadog with the Logs search syntax, e.g. `service:web status:error \"timeout\"`, over a "
        "time range (default the last 15 minutes), newest first. Returns each log's time, status, service, host and "
        "message. For numbers over time (error counts, latency) use datadog-query-metrics."
    ),
    props={
        "query": props.string("Query", "A Logs search query, e.g. `service:checkout status:error` or `@http.status_code:500`; "
                                       "`*` for all.", optional=True),
        "from": props.string("From", "Start of the range: date math such as `now-1h` or `now-2d`, or an ISO 8601 time "
                                     "such as `2026-12-01T08:00:00Z`. Default `now-15m`.", optional=True),
        "to": props.string("To", "End of the range, in the same forms. Default `now`.", optional=True),
        "indexes": props.string_list("Indexes", "Log indexes to search, e.g. `[\"main\"]`; default all.", optional=True),
        "sort": props.string("Sort", "`-timestamp` for newest first (the default) or `timestamp` for oldest first.",
                             options=["-timestamp", "timestamp"], optional=True),
        "limit": props.limit("logs"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("logs", _log),
)
async def search_logs(ctx):
    filters = {"query": ctx.props.get("query") or "*", "from": ctx.props.get("from") or "now-15m",
               "to": ctx.props.get("to") or "now"}
    if ctx.props.get("indexes"):
        filters["indexes"] = list(ctx.props.indexes)
    logs, after = [], ctx.props.get("cursor") or None
    while len(logs) < ctx.props.limit:
        page = {"limit": min(MAX_PAGE, ctx.props.limit - len(logs))}
        if after:
            page["cursor"] = after
        data = await api(ctx, "POST", "/api/v2/logs/events/search",
                         json={"filter": filters, "sort": ctx.props.get("sort") or "-timestamp", "page": page})
        logs.extend(data.get("data") or [])
        after = ((data.get("meta") or {}).get("page") or {}).get("after")
        if not after:
            break
    ctx.summary = f"Found {len(logs)} log{'s' if len(logs) != 1 else ''} for {filters['query']!r}"
    return {"logs": logs, "next_cursor": after}
