import re
from urllib.parse import unquote

from mcp_gateway.catalog import props

from ..app import app, confluence

_HIGHLIGHT = re.compile(r"@@@(end)?hl@@@")


@app.action(
    "search",
    title="Search (CQL)",
    description=(
        "Search Confluence pages, blog posts, attachments and comments with a CQL query, e.g. "
        "`type = page AND space = ENG AND text ~ \"release notes\"`. Returns titles, IDs, spaces, excerpts and "
        "links, and a cursor for more."
    ),
    props={
        "site": app.definition("site"),
        "cql": props.string(
            "CQL",
            "The Confluence Query Language query, e.g. `text ~ \"onboarding\"`, `title ~ \"roadmap\" AND type = page`, "
            "`space = ENG AND lastmodified > now(\"-7d\")` or `creator = currentUser() ORDER BY lastmodified DESC`.",
        ),
        "limit": props.integer("Max Results", "The most results to return (1 to 100).", min=1, max=100, default=25),
        "cursor": props.string("Cursor", "To get the next page, the `next_cursor` an earlier search returned.", optional=True),
    },
    read_only=True,
)
async def search(ctx):
    params = {"cql": ctx.props.cql, "limit": ctx.props.limit}
    if ctx.props.get("cursor"):
        params["cursor"] = ctx.props.cursor
    data = (await confluence(ctx, "GET", "/rest/api/search", params=params)).json()
    base = (data.get("_links") or {}).get("base") or ""
    results = [_result(item, base) for item in data.get("results") or []]
    following = (data.get("_links") or {}).get("next")
    cursor = re.search(r"[?&]cursor=([^&]+)", following or "")
    total = data.get("totalSize", len(results))
    ctx.summary = f"Found {total} Confluence result{'s' if total != 1 else ''} for the CQL query, returned {len(results)}"
    return {
        "total": total,
        "results": results,
        "next_cursor": unquote(cursor.group(1)) if cursor else None,
    }


def _result(item, base):
    content = item.get("content") or {}
    url = item.get("url")
    return {
        "id": content.get("id"),
        "type": content.get("type") or item.get("entityType"),
        "title": _HIGHLIGHT.sub("", item.get("title") or content.get("title") or ""),
        "space": (item.get("resultGlobalContainer") or {}).get("title"),
        "excerpt": _HIGHLIGHT.sub("", item.get("excerpt") or ""),
        "url": f"{base}{url}" if url and not url.startswith("http") else url,
        "last_modified": item.get("lastModified"),
    }
