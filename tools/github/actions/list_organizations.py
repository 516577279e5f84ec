from mcp_gateway.catalog import props, within

from ..app import app, list_page, plural


def _org(org):
    return {"login": org.get("login"), "id": org.get("id"), "description": org.get("description"), "url": org.get("url")}


@app.action(
    "list-organizations",
    title="List Organizations",
    description=(
        "List the GitHub organizations the connected user belongs to. Use a `login` with List Organization "
        "Members or Create Repository. Returns `organizations` (login, ID, description) and `next_cursor`."
    ),
    props={"limit": props.limit("organizations"), "cursor": props.cursor()},
    read_only=True,
    trim=within("organizations", _org),
)
async def list_organizations(ctx):
    orgs, next_cursor, _ = await list_page(ctx, "/user/orgs")
    ctx.summary = f"Listed {plural(len(orgs), 'organization')}"
    return {"organizations": orgs, "next_cursor": next_cursor}
