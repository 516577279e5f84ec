from mcp_gateway.catalog import props, within

from ..app import app, issue_summary, list_page, plural


def _match(item):
    url = item.get("repository_url") or ""
    marker = "/repos/"
    return {**issue_summary(item), "repository": url.split(marker, 1)[1] if marker in url else None}


@app.action(
    "search-issues-and-pull-requests",
    title="Search Issues and Pull Requests",
    description=(
        "Search issues and pull requests across all of GitHub with GitHub's search syntax (keywords, `repo:`, "
        "`author:`, `label:`, `is:open`...). To list one repository's issues with simple filters use List Issues; "
        "for its pull requests List Pull Requests. Returns `total_count`, the matches in `items` (repository, "
        "number, title, state, labels, URL) and `next_cursor`; GitHub's search reaches the first 1000 matches."
    ),
    props={
        "query": props.string(
            "Query",
            "A GitHub search query: keywords plus qualifiers, e.g. `repo:octocat/Hello-World is:issue is:open "
            "label:bug`, `author:octocat is:pr is:merged` or `\"memory leak\" in:title org:github`. Add `is:issue` "
            "or `is:pr` to get only one kind.",
        ),
        "sort": props.string(
            "Sort",
            "What to order results by. Leave empty to order by best match.",
            options=["comments", "reactions", "created", "updated", "interactions"],
            optional=True,
        ),
        "order": props.string(
            "Order",
            "`desc` (highest or newest first) or `asc`. Only used with `sort`.",
            options=["desc", "asc"],
            default="desc",
        ),
        "limit": props.limit("matches"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("items", _match),
)
async def search_issues_and_pull_requests(ctx):
    params = {"q": ctx.props.query}
    if ctx.props.get("sort"):
        params["sort"] = ctx.props.sort
        params["order"] = ctx.props.order
    items, next_cursor, last = await list_page(ctx, "/search/issues", params=params, key="items")
    total = (last or {}).get("total_count", len(items))
    ctx.summary = f"Found {plural(total, 'match', 'matches')} for {ctx.props.query!r}, returned {len(items)}"
    return {
        "total_count": total,
        "incomplete_results": bool((last or {}).get("incomplete_results")),
        "items": items,
        "next_cursor": next_cursor,
    }
