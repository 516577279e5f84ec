from mcp_gateway.catalog import props, within

from ..app import app, collect, page_summary


@app.action(
    "query-database",
    title="Query Database",
    description=(
        "List the items (pages) of a Notion database, optionally filtered and sorted. Returns the matching "
        "pages with their property values as plain values, and a cursor for more. Call "
        "notion-retrieve-database first for the property names and types a filter uses; to find pages by "
        "title anywhere, use notion-search."
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
        "limit": props.limit("items"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("pages", page_summary),
)
async def query_database(ctx):
    body = {}
    if ctx.props.get("filter"):
        body["filter"] = ctx.props.filter
    if ctx.props.get("sorts"):
        body["sorts"] = ctx.props.sorts
    pages, following = await collect(
        ctx, "POST", f"/databases/{ctx.props.databaseId}/query", limit=ctx.props.limit,
        cursor=ctx.props.get("cursor"), body=body,
    )
    more = " (more available)" if following else ""
    ctx.summary = f"Retrieved {len(pages)} database item{'s' if len(pages) != 1 else ''}{more}"
    return {"pages": pages, "next_cursor": following}
