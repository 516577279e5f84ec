from mcp_gateway.catalog import props, within

from ..app import app, collect, plain_text, title_of


def _entry(item):
    return {
        "id": item.get("id"),
        "object": item.get("object"),
        "title": title_of(item),
        "url": item.get("url"),
        "parent": item.get("parent"),
        "last_edited_time": item.get("last_edited_time"),
        "archived": item.get("archived"),
        **({"description": plain_text(item.get("description"))} if item.get("object") == "database" else {}),
    }


@app.action(
    "search",
    title="Search",
    description=(
        "Search the pages and databases shared with the Notion connection by title. Returns each match's "
        "ID, type, title, URL and parent, plus a cursor for the next page of results. Use it to find the "
        "ID of a page or database before reading or changing it; to list the items of one database, use "
        "notion-query-database instead."
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
        "limit": props.limit("results"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("results", _entry),
)
async def search(ctx):
    body = {}
    if ctx.props.get("query"):
        body["query"] = ctx.props.query
    if ctx.props.get("objectType"):
        body["filter"] = {"property": "object", "value": ctx.props.objectType}
    if ctx.props.get("sortDirection"):
        body["sort"] = {"direction": ctx.props.sortDirection, "timestamp": "last_edited_time"}
    results, following = await collect(
        ctx, "POST", "/search", limit=ctx.props.limit, cursor=ctx.props.get("cursor"), body=body
    )
    more = " (more available)" if following else ""
    ctx.summary = f"Found {len(results)} result{'s' if len(results) != 1 else ''}{more}"
    return {"results": results, "next_cursor": following}
