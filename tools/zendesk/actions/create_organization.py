from mcp_gateway.catalog import props

from ..app import app, organization_summary, request


@app.action(
    "create-organization",
    title="Create Organization",
    description=(
        "Create a Zendesk organization (a customer company) with its name, email domains, notes and tags; users "
        "whose email matches a domain join it. Fails if the name is taken: Find Organizations looks for an existing "
        "one first. Returns the new organization's ID."
    ),
    props={
        "name": props.string("Name", "The organization's name, unique in the account, e.g. `Acme Inc`."),
        "domainNames": props.string_list(
            "Domain Names", 'Email domains of its people, e.g. `["acme.com"]`.', optional=True
        ),
        "details": props.string("Details", "Details about the organization, such as its address.", optional=True),
        "notes": props.string("Notes", "Notes about the organization that agents can see.", optional=True),
        "externalId": props.string("External ID", "Its ID in another system, e.g. a CRM account ID.", optional=True),
        "group": app.definition(
            "group", description="The ID of the group its new tickets are assigned to, e.g. `98738`."
        ),
        "tags": props.string_list("Tags", 'Tags for the organization, e.g. `["enterprise"]`.', optional=True),
        "organizationFields": props.obj(
            "Organization Fields",
            'Values of custom organization fields by their key, e.g. `{"account_tier": "gold"}`. Keys are in Admin '
            "Center > People > Configuration > Organization fields.",
            optional=True,
        ),
    },
    trim=organization_summary,
)
async def create_organization(ctx):
    organization = {"name": ctx.props.name}
    for prop, field in (("details", "details"), ("notes", "notes"), ("externalId", "external_id"), ("group", "group_id")):
        if ctx.props.get(prop):
            organization[field] = ctx.props[prop]
    for prop, field in (("domainNames", "domain_names"), ("tags", "tags")):
        if ctx.props.get(prop):
            organization[field] = list(ctx.props[prop])
    if ctx.props.get("organizationFields"):
        organization["organization_fields"] = dict(ctx.props.organizationFields)
    created = (await request(ctx, "POST", "/organizations", json={"organization": organization})).json()["organization"]
    ctx.summary = f"Created organization {created.get('name')} ({created['id']})"
    return created
