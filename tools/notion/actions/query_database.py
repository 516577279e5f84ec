from mcp_gateway.catalog import props

from ..app import app


@app.action(
    "query-database",
    title="Query Database",
    description=(
        "List the items (pages) of a Notion database, optionally filtered and sorted. Returns the "
        "matching pages with all their property values, and a cursor for the next page of results."
    ),
    props={
        "databaseId": app.definition("databaseId"),
        "filter": props.obj(
            "Filter",
            "A Notion filter object on the database's properties, e.g. "
            "`{\"property\": \"Status\", \"status\": {\"equals\": \"Done\"}}`, or compound: "
            "`{\"and\": [{\"property\": \"Done\", \"checkbox\": {\"equals\": false}}, "
            "{\"property\": \"Due\", \"date\": {\"before\": \"2024-06-01\"}}]}`. Leave empty for all items.",
            optional=True,
        ),
        "sorts": props.object_list(
            "Sorts",
            "Sort criteria, first one wins, e.g. `[{\"property\": \"Due\", \"direction\": \"ascending\"}]` or "
            "`[{\"timestamp\": \"last_edited_time\", \"direction\": \"descending\"}]`.",
            optional=True,
        ),
        "pageSize": props.integer("Page Size", "How many items to return (1 to 100).", min=1, max=100, default=100),
        "startCursor": props.string(
            "Start Cursor",
            "The `next_cursor` of a previous query, to get the following page of items.",
            optional=True,
        ),
    },
    read_only=True,
)
async def query_database(ctx):
    body = {"page_size": ctx.props.pageSize}
    if ctx.props.get("filter"):
        body["filter"] = ctx.props.filter
    if ctx.props.get("sorts"):
        body["sorts"] = ctx.props.sorts
    if ctx.props.get("startCursor"):
        body["start_cursor"] = ctx.props.startCursor
    data = (await ctx.http.post(f"/databases/{ctx.props.databaseId}/query", json=body)).json()
    results = data.get("results", [])
    more = " (more available)" if data.get("has_more") else ""
    ctx.summary = f"Retrieved {len(results)} database item{'s' if len(results) != 1 else ''}{more}"
    return {"results": results, "next_cursor": data.get("next_cursor"), "has_more": bool(data.get("has_more"))}
