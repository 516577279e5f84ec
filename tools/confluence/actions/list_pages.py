from mcp_gateway.catalog import props, within

from ..app import app, confluence, next_cursor, page_summary, site_base, space_id, with_base


@app.action(
    "list-pages",
    title="List Pages in Space",
    description=(
        "List the pages of a Confluence space (all of them or only the top level), optionally those with an exact "
        "title, with IDs, titles, versions and URLs, and a cursor for more. Use confluence-search for text search, and "
        "confluence-get-page to read a page's content."
    ),
    props={
        "site": app.definition("site"),
        "spaceId": app.definition("spaceId"),
        "title": props.string("Title", "Only the page with exactly this title.", optional=True),
        "depth": props.string(
            "Depth", "`all` pages, or only the `root` (top-level) ones.", options=["all", "root"], default="all"
        ),
        "sort": props.string(
            "Sort",
            "Order: `title`, `-modified-date` (recently changed first), `-created-date` or `id`.",
            options=["title", "-title", "modified-date", "-modified-date", "created-date", "-created-date", "id", "-id"],
            default="-modified-date",
        ),
        "limit": props.limit("pages"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("pages", page_summary),
)
async def list_pages(ctx):
    space = await space_id(ctx, ctx.props.spaceId)
    params = {"depth": ctx.props.depth, "sort": ctx.props.sort, "limit": ctx.props.limit}
    if ctx.props.get("title"):
        params["title"] = ctx.props.title
    if ctx.props.get("cursor"):
        params["cursor"] = ctx.props.cursor
    data = (await confluence(ctx, "GET", f"/api/v2/spaces/{space}/pages", params=params)).json()
    base = site_base(ctx, data)
    pages = [with_base(p, base) for p in data.get("results") or []]
    ctx.summary = f"Listed {len(pages)} page{'s' if len(pages) != 1 else ''} of Confluence space {ctx.props.spaceId}"
    return {"pages": pages, "next_cursor": next_cursor(data)}
