from mcp_gateway.catalog import props

from ..app import COMPANY_FIELDS, app, company_props, properties_from, record_summary, update_and_link


@app.action(
    "update-company",
    title="Update Company",
    description=(
        "Change properties of an existing HubSpot company, and optionally link it to contacts or deals. Properties "
        "left empty keep their values; given ones replace them. To only link records use Associate Records. "
        "Returns the updated company."
    ),
    props={
        "companyId": props.string("Company ID", "The company's numeric HubSpot ID, e.g. `9001`; hubspot-search-crm finds it."),
        **company_props(),
    },
    destructive=True,
    idempotent=True,
    trim=record_summary,
)
async def update_company(ctx):
    result, ctx.summary = await update_and_link(ctx, "companies", ctx.props.companyId, properties_from(ctx, COMPANY_FIELDS))
    return result
