from mcp_gateway.catalog import ActionError, props

from ..app import app, request, user_summary

ROLES = ["end-user", "agent", "admin"]


@app.action(
    "create-user",
    title="Create User",
    description=(
        "Create a Zendesk user, by default an end user (a customer). Fails if the email is already in use; "
        "zendesk-find-users finds existing people. Returns the new user's ID."
    ),
    props={
        "name": props.string("Name", "The person's full name, e.g. `Roger Wilco`."),
        "email": props.string("Email", "Their email address, e.g. `roger@example.com`.", optional=True),
        "role": props.string(
            "Role",
            "`end-user` for customers; `agent` or `admin` need a free agent seat.",
            options=ROLES,
            default="end-user",
        ),
        "phone": props.string("Phone", "Their phone number, e.g. `+15551234567`.", optional=True),
        "organizationId": app.definition(
            "organization", label="Organization ID", description=(
                "The ID of the organization they belong to, e.g. `509974`. The choices list the account's "
                "organizations; zendesk-find-organizations finds one by name."
            ),
        ),
        "externalId": props.string("External ID", "Their ID in another system, e.g. a CRM contact ID.", optional=True),
        "tags": props.string_list("Tags", 'Tags for the user, e.g. `["vip"]`.', optional=True),
        "notes": props.string("Notes", "Notes about the user that agents can see.", optional=True),
        "verified": props.boolean(
            "Verified", "`true` to mark the email as verified so Zendesk sends no verification email.", optional=True
        ),
    },
    trim=user_summary,
)
async def create_user(ctx):
    if ctx.props.role not in ROLES:
        raise ActionError(f"role must be one of {', '.join(ROLES)}")
    user = {"name": ctx.props.name, "role": ctx.props.role}
    for prop, field in (
        ("email", "email"),
        ("phone", "phone"),
        ("organizationId", "organization_id"),
        ("externalId", "external_id"),
        ("notes", "notes"),
    ):
        if ctx.props.get(prop):
            user[field] = ctx.props[prop]
    if ctx.props.get("tags"):
        user["tags"] = list(ctx.props.tags)
    if ctx.props.get("verified") is not None:
        user["verified"] = ctx.props.verified
    created = (await request(ctx, "POST", "/users", json={"user": user})).json()["user"]
    ctx.summary = f"Created {created.get('role')} {created.get('name')} (user {created['id']})"
    return created
