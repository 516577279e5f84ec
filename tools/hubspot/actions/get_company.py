from mcp_gateway.catalog import props

from ..app import app, describe, get_object, property_names, record_summary


@app.action(
    "get-company",
    title="Get Company",
    description=(
        "Get one HubSpot company by its ID: its properties and the IDs of its linked contacts and deals. To find a "
        "company by name or domain use Search CRM; for several companies at once use Batch Read Records."
    ),
    props={
        "companyId": props.string("Company ID", "The company's numeric HubSpot ID, e.g. `9001`: hubspot-search-crm finds it, and it is the last "
                                  "number of the company's page URL."),
        "properties": app.definition("properties"),
    },
    read_only=True,
    trim=record_summary,
)
async def get_company(ctx):
    record = await get_object(ctx, "companies", ctx.props.companyId, properties=property_names(ctx, "companies"),
                              associations=["contacts", "deals"])
    ctx.summary = f"Got {describe('companies', record)}"
    return record
