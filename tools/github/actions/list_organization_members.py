from mcp_gateway.catalog import props, within

from ..app import account_name, app, list_page, person_summary, plural


@app.action(
    "list-organization-members",
    title="List Organization Members",
    description=(
        "List the members of a GitHub organization. Members of the organization see private and public "
        "members; others see public members only. For the people with access to one repository use List "
        "Collaborators. Returns `members` (login, type, URL) and `next_cursor`."
    ),
    props={
        "org": app.definition("org"),
        "role": props.string("Role", "`all` (the default), `admin` (owners) or `member`.", options=["all", "admin", "member"], optional=True),
        "filter": props.string(
            "Filter", "`2fa_disabled` for members without two-factor authentication (owners only); `all` (the default) otherwise.",
            options=["all", "2fa_disabled"], optional=True,
        ),
        "limit": props.limit("members"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("members", person_summary),
)
async def list_organization_members(ctx):
    org = account_name(ctx.props.org, "org")
    params = {name: ctx.props[name] for name in ("role", "filter") if ctx.props.get(name)}
    members, next_cursor, _ = await list_page(ctx, f"/orgs/{org}/members", params=params)
    ctx.summary = f"Listed {plural(len(members), 'member')} of {org}"
    return {"members": members, "next_cursor": next_cursor}
