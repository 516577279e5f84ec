from mcp_gateway.catalog import ActionError, props

from ..app import app, get_json, user_summary


@app.action(
    "find-users",
    title="Find Users",
    description=(
        "Look up Zendesk users (customers and agents) by email, name, phone or other attributes, or by external "
        "ID. Returns matching users with their IDs, roles and organizations."
    ),
    props={
        "query": props.string(
            "Query",
            "What to search for: an email (`roger@example.com`), a name (`Roger Wilco`), or Zendesk user search "
            "terms such as `role:agent` or `organization:Acme`.",
            optional=True,
        ),
        "externalId": props.string("External ID", "Find the user with this external ID instead.", optional=True),
    },
    read_only=True,
)
async def find_users(ctx):
    query, external = ctx.props.get("query"), ctx.props.get("externalId")
    if bool(query) == bool(external):
        raise ActionError("give either a query or an externalId")
    params = {"query": query} if query else {"external_id": external}
    body = await get_json(ctx, "/users/search", params)
    users = [user_summary(u) for u in body.get("users") or []]
    ctx.summary = f"Found {len(users)} user{'s' if len(users) != 1 else ''} for {query or external!r}"
    return {"users": users, "count": body.get("count", len(users))}
