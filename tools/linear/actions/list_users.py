from mcp_gateway.catalog import props, within

from ..app import app, gql, paged

_USERS = """
query Users($filter: UserFilter, $first: Int!, $after: String) {
  users(filter: $filter, first: $first, after: $after) {
    nodes { id name displayName email active admin }
    pageInfo { hasNextPage endCursor }
  }
}
"""


def _user(user):
    return {k: user.get(k) for k in ("id", "name", "displayName", "email", "active", "admin")}


@app.action(
    "list-users",
    title="List Users",
    description=(
        "List the people in the Linear workspace, optionally only those whose name or email contains some text, "
        "with each person's ID (used to assign issues and lead projects), name and email."
    ),
    props={
        "query": props.string("Name or Email", "Only people whose name or email contains this text, e.g. `ada`.", optional=True),
        "limit": props.limit("users"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("users", _user),
)
async def list_users(ctx):
    text = ctx.props.get("query")
    user_filter = None
    if text:
        user_filter = {
            "or": [
                {"name": {"containsIgnoreCase": text}},
                {"displayName": {"containsIgnoreCase": text}},
                {"email": {"containsIgnoreCase": text}},
            ]
        }
    variables = {"filter": user_filter, "first": ctx.props.limit, "after": ctx.props.get("cursor")}
    page = paged("users", (await gql(ctx, _USERS, variables))["users"])
    count = len(page["users"])
    matching = f" matching {text!r}" if text else ""
    ctx.summary = f"Listed {count} Linear user{'s' if count != 1 else ''}{matching}"
    return page
