from mcp_gateway.catalog import props, within

from ..app import app, list_page, plural

# The media type under which GitHub adds the matching lines (`text_matches`) to each result.
_TEXT_MATCHES = {"Accept": "application/vnd.github.text-match+json"}


def _hit(item):
    return {
        "name": item.get("name"),
        "path": item.get("path"),
        "sha": item.get("sha"),
        "repository": (item.get("repository") or {}).get("full_name"),
        "html_url": item.get("html_url"),
        "fragments": [m.get("fragment") for m in item.get("text_matches") or []],
    }


@app.action(
    "search-code",
    title="Search Code",
    description=(
        "Find files by their content across GitHub's default branches with GitHub's code search syntax, e.g. "
        "`addClass repo:jquery/jquery language:js` or `TODO path:src/ org:github`. Files over 384 KB and forks "
        "are not searched. Read a match whole with Get File Contents (its `repository` and `path`). Returns "
        "`total_count`, the matches in `items` (repository, path, URL, matching fragments) and `next_cursor`."
    ),
    props={
        "query": props.string(
            "Query", "Search terms with qualifiers such as `repo:owner/name`, `org:`, `user:`, `language:`, "
            "`path:`, `extension:` or `filename:`, e.g. `useState language:typescript org:facebook`.",
        ),
        "limit": props.limit("matches"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("items", _hit),
)
async def search_code(ctx):
    items, next_cursor, last = await list_page(
        ctx, "/search/code", params={"q": ctx.props.query}, key="items", headers=_TEXT_MATCHES,
    )
    total = (last or {}).get("total_count", len(items))
    ctx.summary = f"Found {plural(total, 'file')} matching {ctx.props.query!r}, returned {len(items)}"
    return {
        "total_count": total,
        "incomplete_results": bool((last or {}).get("incomplete_results")),
        "items": items,
        "next_cursor": next_cursor,
    }
