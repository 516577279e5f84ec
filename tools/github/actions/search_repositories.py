from mcp_gateway.catalog import props, within

from ..app import app, list_page, plural, repo_summary


@app.action(
    "search-repositories",
    title="Search Repositories",
    description=(
        "Find repositories across GitHub with GitHub's search syntax, e.g. `machine learning language:python "
        "stars:>1000` or `org:github topic:cli`. To list the connected user's own repositories use List "
        "Repositories. Returns `total_count`, the matches in `items` (full name, description, stars, language, "
        "URL) and `next_cursor`; GitHub's search reaches the first 1000 matches."
    ),
    props={
        "query": props.string(
            "Query", "Keywords with qualifiers such as `user:`, `org:`, `language:`, `topic:`, `stars:>100`, "
            "`pushed:>2024-01-01` or `in:name`, e.g. `tetris language:assembly`.",
        ),
        "sort": props.string(
            "Sort", "What to order by. Leave empty for best match.",
            options=["stars", "forks", "help-wanted-issues", "updated"], optional=True,
        ),
        "order": props.string("Order", "`desc` (the default) or `asc`. Only used with `sort`.", options=["desc", "asc"], default="desc"),
        "limit": props.limit("repositories"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("items", repo_summary),
)
async def search_repositories(ctx):
    params = {"q": ctx.props.query}
    if ctx.props.get("sort"):
        params["sort"] = ctx.props.sort
        params["order"] = ctx.props.order
    items, next_cursor, last = await list_page(ctx, "/search/repositories", params=params, key="items")
    total = (last or {}).get("total_count", len(items))
    ctx.summary = f"Found {plural(total, 'repository', 'repositories')} for {ctx.props.query!r}, returned {len(items)}"
    return {
        "total_count": total,
        "incomplete_results": bool((last or {}).get("incomplete_results")),
        "items": items,
        "next_cursor": next_cursor,
    }
