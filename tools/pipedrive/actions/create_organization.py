from mcp_gateway.catalog import props

from ..app import api, app, body_of, organization_summary


@app.action(
    "create-organization",
    title="Create Organization",
    description=(
        "Add an organization (a company) to Pipedrive. Search first with pipedrive-search-organizations to avoid a "
        "duplicate. Returns its ID, for people (pipedrive-create-person) and deals (pipedrive-create-deal)."
    ),
    props={
        "name": props.string("Name", "The organization's name, e.g. `Acme Ltd`."),
        "ownerId": app.definition("ownerId"),
        "visibleTo": app.definition("visibleTo"),
    },
    trim=organization_summary,
)
async def create_organization(ctx):
    body = {"name": ctx.props.name, **body_of(ctx, {"ownerId": "owner_id", "visibleTo": "visible_to"})}
    org = (await api(ctx, "POST", "/v2/organizations", json=body)).get("data") or {}
    ctx.summary = f"Added the organization {org.get('name')!r} (#{org.get('id')})"
    return org
