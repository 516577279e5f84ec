from mcp_gateway.catalog import props

from ..app import app, plural, request


@app.action(
    "list-owners",
    title="List Owners",
    description=(
        "List the HubSpot users who can own records, with their owner IDs (for a record's `hubspot_owner_id`), "
        "names, emails and teams. Give an email to find one person."
    ),
    props={
        "email": props.string("Email", "Only the owner with this email address, e.g. `sam@example.com`.", optional=True),
        "maxResults": props.integer("Max Results", "The most owners to return. Defaults to 100.", optional=True,
                                    default=100, min=1, max=1000),
    },
    read_only=True,
)
async def list_owners(ctx):
    limit = ctx.props.get("maxResults") or 100
    owners, after = [], None
    while len(owners) < limit:
        params = {"limit": min(100, limit - len(owners)), "archived": "false"}
        if ctx.props.get("email"):
            params["email"] = ctx.props.email
        if after:
            params["after"] = after
        data = await request(ctx, "GET", "/crm/v3/owners", params=params)
        batch = data.get("results") or []
        owners.extend(batch)
        after = ((data.get("paging") or {}).get("next") or {}).get("after")
        if not after or not batch:
            break
    out = [
        {"id": str(o.get("id")), "email": o.get("email"),
         "name": " ".join(p for p in (o.get("firstName"), o.get("lastName")) if p) or None,
         "userId": o.get("userId"), "teams": [t.get("name") for t in o.get("teams") or []]}
        for o in owners[:limit]
    ]
    ctx.summary = f"Found {plural(len(out), 'owner')}"
    return {"owners": out, "count": len(out)}
