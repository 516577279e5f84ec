from mcp_gateway.catalog import ActionError, props, within

from ..app import app, get_json, organization_summary


@app.action(
    "find-organizations",
    title="Find Organizations",
    description=(
        "Find a Zendesk organization by its exact name or by its external ID, e.g. to get the `organization_id` for "
        "a new user or ticket. Returns the matching organizations with their IDs, domains and tags. To create one "
        "use Create Organization."
    ),
    props={
        "name": props.string("Name", "The organization's exact name, e.g. `Acme Inc`.", optional=True),
        "externalId": props.string("External ID", "Find the organization with this external ID instead.", optional=True),
    },
    read_only=True,
    trim=within("organizations", organization_summary),
)
async def find_organizations(ctx):
    name, external = ctx.props.get("name"), ctx.props.get("externalId")
    if bool(name) == bool(external):
        raise ActionError("give either a name or an externalId")
    params = {"name": name} if name else {"external_id": external}
    body = await get_json(ctx, "/organizations/search", params)
    organizations = body.get("organizations") or []
    found = f"{len(organizations)} organization{'s' if len(organizations) != 1 else ''}"
    ctx.summary = f"Found {found} for {name or external!r}"
    return {"organizations": organizations}
