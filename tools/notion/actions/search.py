from mcp_gateway.catalog import props

from ..app import app, title_of


def _entry(item):
    return {
        "id": item.get("id"),
        "object": item.get("object"),
        "title": title_of(item),
        "url": item.get("url"),
        "parent": item.get("parent"),
        "last_edited_time": item.get("last_edited_time"),
        "archived": item.get("archived"),
    }


@app.action(
    "search",
    title="Search",
    description=(
        "Search the pages and databases shared with the Notion connection by title. Returns each match's "
        "ID, type, title, URL and parent, plus a cursor for the next page of results. Use it to find the "
        "ID of a page or database before reading or changing it."
    ),
    props={
        "query": props.string(
            "Query",
            "Text to look for in page and database titles, e.g. `Meeting notes`. Leave empty to list everything shared with the connection.",
            optional=True,
        ),
        "objectType": props.string(
            "Object Type",
            "Only return pages (`page`) or only databases (`database`). Leave empty for both.",
            options=["page", "database"],
            optional=True,
        ),
        "sortDirection": props.string(
            "Sort Direction",
            "Order results by when they were last edited: `descending` (newest first) or `ascending`.",
            options=["descending", "ascending"],
            optional=True,
        ),
        "pageSize": props.integer("Page Size", "How many results to return (1 to 100).", min=1, max=100, default=20),
        "startCursor": props.string(
            "Start Cursor",
            "The `next_cursor` of a previous search, to get the following page of results.",
            optional=True,
        ),
    },
    read_only=True,
)
async def search(ctx):
    body = {"page_size": ctx.props.pageSize}
    if ctx.props.get("query"):
        body["query"] = ctx.props.query
    if ctx.props.get("objectType"):
        body["filter"] = {"property": "object", "value": ctx.props.objectType}
    if ctx.props.get("sortDirection"):
        body["sort"] = {"direction": ctx.props.sortDirection, "timestamp": "last_edited_time"}
    if ctx.props.get("startCursor"):
        body["start_cursor"] = ctx.props.startCursor
    data = (await ctx.http.post("/search", json=body)).json()
    results = [_entry(item) for item in data.get("results", [])]
    more = " (more available)" if data.get("has_more") else ""
    ctx.summary = f"Found {len(results)} result{'s' if len(results) != 1 else ''}{more}"
    return {"results": results, "next_cursor": data.get("next_cursor"), "has_more": bool(data.get("has_more"))}
