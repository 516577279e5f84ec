from mcp_gateway.catalog import props

from ..app import app, describe, get_object, property_list, record_summary


@app.action(
    "get-company",
    title="Get Company",
    description="Get one HubSpot company by its ID: its properties and the IDs of its linked contacts and deals.",
    props={
        "companyId": props.string("Company ID", "The company's numeric HubSpot ID, e.g. `9001`."),
        "properties": app.definition("properties"),
    },
    read_only=True,
)
async def get_company(ctx):
    record = await get_object(ctx, "companies", ctx.props.companyId, properties=property_list(ctx, "companies"),
                              associations=["contacts", "deals"])
    ctx.summary = f"Got {describe('companies', record)}"
    return record_summary(record)
