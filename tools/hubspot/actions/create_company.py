from mcp_gateway.catalog import ActionError

from ..app import COMPANY_FIELDS, app, company_props, create_and_link, properties_from, record_summary


@app.action(
    "create-company",
    title="Create Company",
    description=(
        "Create a company in HubSpot from its name and/or domain plus any other company properties, optionally "
        "linked to existing contacts and deals. Search CRM first when it may exist already; to change one use Update "
        "Company. Returns the new company's ID."
    ),
    props=company_props(),
    trim=record_summary,
)
async def create_company(ctx):
    properties = properties_from(ctx, COMPANY_FIELDS)
    if not (properties.get("name") or properties.get("domain")):
        raise ActionError("a new company needs a name or a domain")
    result, ctx.summary = await create_and_link(ctx, "companies", properties)
    return result
