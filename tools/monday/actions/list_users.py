from mcp_gateway.catalog import props, within

from ..app import PAGE, app, collect_pages, graphql

QUERY = """query ($limit: Int, $page: Int, $kind: UserKind, $emails: [String], $name: String) {
  users(limit: $limit, page: $page, kind: $kind, emails: $emails, name: $name) {
    id name email title enabled is_admin is_guest is_pending url
  }
}"""


def _user(user):
    return {key: user.get(key) for key in ("id", "name", "email", "title", "enabled", "is_admin", "is_guest")}


@app.action(
    "list-users",
    title="List Users",
    description=(
        "List the users of the monday.com account, optionally by name or email, to find the person IDs a people "
        "column takes (`{\"personsAndTeams\": [{\"id\": 123, \"kind\": \"person\"}]}`)."
    ),
    props={
        "name": props.string("Name", "Only users whose name contains this text.", optional=True),
        "emails": props.string_list("Emails", "Only users with these email addresses.", optional=True),
        "kind": props.string("Kind", "Which users: `all` (default), `non_guests`, `guests` or `non_pending`.",
                             options=["all", "non_guests", "guests", "non_pending"], optional=True),
        "limit": props.limit("users"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("users", _user),
)
async def list_users(ctx):
    variables = {"limit": PAGE}
    for name in ("name", "kind"):
        if ctx.props.get(name):
            variables[name] = ctx.props[name]
    if ctx.props.get("emails"):
        variables["emails"] = list(ctx.props.emails)

    async def fetch(page):
        return (await graphql(ctx, QUERY, {**variables, "page": page})).get("users") or []

    users, following = await collect_pages(fetch, limit=ctx.props.limit, cursor=ctx.props.get("cursor"))
    ctx.summary = f"Listed {len(users)} user{'s' if len(users) != 1 else ''}"
    return {"users": users, "next_cursor": following}
