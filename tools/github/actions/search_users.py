from mcp_gateway.catalog import props, within

from ..app import app, list_page, person_summary, plural


@app.action(
    "search-users",
    title="Search Users",
    description=(
        "Find GitHub users and organizations by login, name, email or location, e.g. `tom repos:>42 "
        "followers:>1000` or `location:berlin language:rust`. For one account's profile use Get User. Returns "
        "`total_count`, the matches in `items` (login, type, URL) and `next_cursor`."
    ),
    props={
        "query": props.string(
            "Query", "Keywords with qualifiers such as `type:user`, `type:org`, `in:login`, `in:name`, `in:email`, "
            "`location:`, `language:`, `repos:>10` or `followers:>100`.",
        ),
        "sort": props.string("Sort", "What to order by. Leave empty for best match.", options=["followers", "repositories", "joined"], optional=True),
        "order": props.string("Order", "`desc` (the default) or `asc`. Only used with `sort`.", options=["desc", "asc"], default="desc"),
        "limit": props.limit("users"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("items", person_summary),
)
async def search_users(ctx):
    params = {"q": ctx.props.query}
    if ctx.props.get("sort"):
        params["sort"] = ctx.props.sort
        params["order"] = ctx.props.order
    items, next_cursor, last = await list_page(ctx, "/search/users", params=params, key="items")
    total = (last or {}).get("total_count", len(items))
    ctx.summary = f"Found {plural(total, 'account')} for {ctx.props.query!r}, returned {len(items)}"
    return {
        "total_count": total,
        "incomplete_results": bool((last or {}).get("incomplete_results")),
        "items": items,
        "next_cursor": next_cursor,
    }
