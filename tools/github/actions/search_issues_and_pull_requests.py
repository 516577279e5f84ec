from mcp_gateway.catalog import props

from ..app import app, collect, issue_summary


@app.action(
    "search-issues-and-pull-requests",
    title="Search Issues and Pull Requests",
    description=(
        "Search issues and pull requests across GitHub with GitHub's search syntax. Returns the total number "
        "of matches and up to `max` of them, each with repository, number, title, state, labels and URL."
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
        "max": props.integer(
            "Max Results",
            "The most matches to return (1 to 1000; GitHub's search returns no more than 1000).",
            min=1,
            max=1000,
            default=30,
        ),
    },
    read_only=True,
)
async def search_issues_and_pull_requests(ctx):
    params = {"q": ctx.props.query}
    if ctx.props.get("sort"):
        params["sort"] = ctx.props.sort
        params["order"] = ctx.props.order
    items, last = await collect(ctx, "/search/issues", limit=ctx.props.max, params=params, key="items")
    results = []
    for item in items:
        entry = issue_summary(item)
        entry["repository"] = _repo_of(item)
        results.append(entry)
    total = (last or {}).get("total_count", len(results))
    ctx.summary = f"Found {total} match{'es' if total != 1 else ''} for {ctx.props.query!r}, returned {len(results)}"
    return {
        "total_count": total,
        "incomplete_results": bool((last or {}).get("incomplete_results")),
        "items": results,
    }


def _repo_of(item):
    url = item.get("repository_url") or ""
    marker = "/repos/"
    return url.split(marker, 1)[1] if marker in url else None
