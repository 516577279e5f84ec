from mcp_gateway.catalog import ActionError, props, within

from ..app import app, collect, deal_hit_summary, search_items


@app.action(
    "search-deals",
    title="Search Deals",
    description=(
        "Find Pipedrive deals whose title, notes or custom fields contain a word or phrase, optionally only those of one "
        "person, organization or status. Returns each deal's ID, value, stage, person and organization; for one deal's "
        "full record use pipedrive-get-deal."
    ),
    props={
        "term": props.string("Search Term", "What to look for, at least 2 characters, e.g. `Acme renewal`."),
        "exactMatch": props.boolean("Exact Match", "Match the whole term exactly, not as part of a word.", optional=True),
        "personId": app.definition("personId", description="Only deals of this person (their ID)."),
        "orgId": app.definition("orgId", description="Only deals of this organization (its ID)."),
        "status": app.definition("dealStatus"),
        "limit": props.limit("deals"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("deals", deal_hit_summary),
)
async def search_deals(ctx):
    term = str(ctx.props.term).strip()
    if len(term) < 2 and not ctx.props.get("exactMatch"):
        raise ActionError("the search term needs at least 2 characters (1 with exactMatch)")
    params = {"term": term}
    if ctx.props.get("exactMatch"):
        params["exact_match"] = "true"
    for prop, field in (("personId", "person_id"), ("orgId", "organization_id"), ("status", "status")):
        if ctx.props.get(prop):
            params[field] = ctx.props[prop]
    deals, token = await collect(ctx, "/v2/deals/search", limit=ctx.props.limit, cursor=ctx.props.get("cursor"),
                                 params=params, unwrap=search_items)
    ctx.summary = f"Found {len(deals)} deal{'s' if len(deals) != 1 else ''} matching {term!r}"
    return {"deals": deals, "next_cursor": token}
