from mcp_gateway.catalog import ActionError, props, within

from ..app import app, collect, organization_hit_summary, search_items


@app.action(
    "search-organizations",
    title="Search Organizations",
    description=(
        "Find organizations (companies) in Pipedrive by name, address or notes. Returns each one's ID, for linking "
        "deals and people to it. If none matches, add it with pipedrive-create-organization."
    ),
    props={
        "term": props.string("Search Term", "A name or part of one, at least 2 characters, e.g. `Acme`."),
        "exactMatch": props.boolean("Exact Match", "Match the whole term exactly, not as part of a word.", optional=True),
        "limit": props.limit("organizations"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("organizations", organization_hit_summary),
)
async def search_organizations(ctx):
    term = str(ctx.props.term).strip()
    if len(term) < 2 and not ctx.props.get("exactMatch"):
        raise ActionError("the search term needs at least 2 characters (1 with exactMatch)")
    params = {"term": term}
    if ctx.props.get("exactMatch"):
        params["exact_match"] = "true"
    orgs, token = await collect(ctx, "/v2/organizations/search", limit=ctx.props.limit, cursor=ctx.props.get("cursor"),
                                params=params, unwrap=search_items)
    ctx.summary = f"Found {len(orgs)} organization{'s' if len(orgs) != 1 else ''} matching {term!r}"
    return {"organizations": orgs, "next_cursor": token}
