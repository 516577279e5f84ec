from mcp_gateway.catalog import props

from ..app import api, app, member_summary


def _found(data):
    return {part: [member_summary(m) for m in (data.get(part) or {}).get("members") or []]
            for part in ("exact_matches", "full_search")}


@app.action(
    "search-members",
    title="Search Contacts",
    description=(
        "Find contacts across the account's audiences (or in one) by email address, first or last name, or a part "
        "of them. Returns exact matches and broader matches apart, each contact with its `list_id`. When the "
        "audience and address are known, mailchimp-get-member reads the contact directly."
    ),
    props={
        "query": props.string("Query", "An email address, a name or a part of one, e.g. `bob@example.com` or `Smith`."),
        "listId": app.definition("listId").but(optional=True, description=(
            "Search only this audience (its list ID, from mailchimp-list-audiences); empty searches them all.")),
    },
    read_only=True,
    trim=_found,
)
async def search_members(ctx):
    params = {"query": ctx.props.query.strip()}
    if ctx.props.get("listId"):
        params["list_id"] = ctx.props.listId
    data = await api(ctx, "GET", "/search-members", params=params)
    exact = (data.get("exact_matches") or {}).get("total_items") or 0
    broad = (data.get("full_search") or {}).get("total_items") or 0
    ctx.summary = f"Found {exact} exact and {broad} other match{'es' if broad != 1 else ''} for {params['query']!r}"
    return data
