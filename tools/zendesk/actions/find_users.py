from mcp_gateway.catalog import ActionError, props, within

from ..app import app, get_json, next_offset, offset_page, user_summary


@app.action(
    "find-users",
    title="Find Users",
    description=(
        "Look up Zendesk users (customers and agents) by email, name, phone or other attributes, or by external "
        "ID. Returns matching users with their IDs, roles and organizations, and a cursor for more. To read one "
        "user whose ID you have use Get User."
    ),
    props={
        "query": props.string(
            "Query",
            "What to search for: an email (`roger@example.com`), a name (`Roger Wilco`), or Zendesk user search "
            "terms such as `role:agent` or `organization:Acme`.",
            optional=True,
        ),
        "externalId": props.string("External ID", "Find the user with this external ID instead.", optional=True),
        "limit": props.limit("users"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("users", user_summary),
)
async def find_users(ctx):
    query, external = ctx.props.get("query"), ctx.props.get("externalId")
    if bool(query) == bool(external):
        raise ActionError("give either a query or an externalId")
    page, per_page, skip = offset_page(ctx)
    params = {"query": query} if query else {"external_id": external}
    body = await get_json(ctx, "/users/search", {**params, "page": page, "per_page": per_page})
    users = (body.get("users") or [])[skip:]
    ctx.summary = f"Found {len(users)} user{'s' if len(users) != 1 else ''} for {query or external!r}"
    return {"users": users, "count": body.get("count", len(users)), "next_cursor": next_offset(page, per_page, body)}
