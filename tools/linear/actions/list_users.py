from mcp_gateway.catalog import props

from ..app import app, gql, nodes

_USERS = """
query Users($filter: UserFilter, $first: Int!) {
  users(filter: $filter, first: $first) { nodes { id name displayName email active admin } }
}
"""


@app.action(
    "list-users",
    title="List Users",
    description=(
        "List the people in the Linear workspace, optionally only those whose name or email contains some text, "
        "with each person's ID (used to assign issues), name and email."
    ),
    props={
        "query": props.string("Name or Email", "Only people whose name or email contains this text, e.g. `ada`.", optional=True),
        "max": props.integer("Max Results", "The most people to return (1 to 250).", min=1, max=250, default=50),
    },
    read_only=True,
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
    users = nodes((await gql(ctx, _USERS, {"filter": user_filter, "first": ctx.props.max}))["users"])
    matching = f" matching {text!r}" if text else ""
    ctx.summary = f"Listed {len(users)} Linear user{'s' if len(users) != 1 else ''}{matching}"
    return [{k: u.get(k) for k in ("id", "name", "displayName", "email", "active", "admin")} for u in users]
