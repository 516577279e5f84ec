import re
from urllib.parse import unquote

from mcp_gateway.catalog import props

from ..app import app, confluence, site_base

_HIGHLIGHT = re.compile(r"@@@(end)?hl@@@")


def _trimmed(found):
    base = found.get("base_url") or ""
    return {
        "total": found.get("total"),
        "results": [_result(item, base) for item in found.get("results") or []],
        "next_cursor": found.get("next_cursor"),
    }


@app.action(
    "search",
    title="Search (CQL)",
    description=(
        "Search Confluence pages, blog posts, attachments and comments with a CQL query, e.g. "
        "`type = page AND space = ENG AND text ~ \"release notes\"`. Returns titles, IDs, spaces, excerpts and "
        "links, and a cursor for more. To list a space's pages by title or date, confluence-list-pages is simpler; "
        "to read a result in full, pass its `id` to confluence-get-page."
    ),
    props={
        "site": app.definition("site"),
        "cql": props.string(
            "CQL",
            "The Confluence Query Language query, e.g. `text ~ \"onboarding\"`, `title ~ \"roadmap\" AND type = page`, "
            "`space = ENG AND lastmodified > now(\"-7d\")` or `creator = currentUser() ORDER BY lastmodified DESC`.",
        ),
        "limit": props.limit("results"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=_trimmed,
)
async def search(ctx):
    params = {"cql": ctx.props.cql, "limit": ctx.props.limit}
    if ctx.props.get("cursor"):
        params["cursor"] = ctx.props.cursor
    data = (await confluence(ctx, "GET", "/rest/api/search", params=params)).json()
    results = data.get("results") or []
    following = (data.get("_links") or {}).get("next")
    cursor = re.search(r"[?&]cursor=([^&]+)", following or "")
    total = data.get("totalSize", len(results))
    ctx.summary = f"Found {total} Confluence result{'s' if total != 1 else ''} for the CQL query, returned {len(results)}"
    return {
        "total": total,
        "results": results,
        "next_cursor": unquote(cursor.group(1)) if cursor else None,
        # Result URLs are relative to the site's `/wiki`.
        "base_url": site_base(ctx, data),
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
