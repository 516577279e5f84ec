from mcp_gateway.catalog import props

from ..app import api, app


def _company_summary(company):
    return {key: company.get(key) for key in (
        "id", "company_id", "name", "website", "industry", "size", "monthly_spend", "user_count", "created_at",
        "updated_at", "custom_attributes")} | {"plan": (company.get("plan") or {}).get("name")}


@app.action(
    "create-or-update-company",
    title="Create Or Update Company",
    description=(
        "Record a company in Intercom by your own company ID: created if that ID is new, updated if it exists. "
        "Returns Intercom's `id` for the company."
    ),
    props={
        "companyId": props.string("Company ID", "Your own system's ID for the company, e.g. `acme-42`; it identifies the "
                                  "company on later calls."),
        "name": props.string("Name", "The company's name.", optional=True),
        "plan": props.string("Plan", "The name of the plan the company is on, e.g. `Pro`.", optional=True),
        "size": props.integer("Size", "How many employees it has.", optional=True),
        "website": props.string("Website", "Its website URL.", optional=True),
        "industry": props.string("Industry", "Its industry.", optional=True),
        "monthlySpend": props.integer("Monthly Spend", "How much revenue it brings you a month.", optional=True),
        "customAttributes": props.obj("Custom Attributes", "Values of existing company attributes by name.", optional=True),
    },
    idempotent=True,
    trim=_company_summary,
)
async def create_or_update_company(ctx):
    body = {"company_id": ctx.props.companyId}
    for name, field in (("name", "name"), ("plan", "plan"), ("size", "size"), ("website", "website"),
                        ("industry", "industry"), ("monthlySpend", "monthly_spend"), ("customAttributes", "custom_attributes")):
        if ctx.props.get(name) not in (None, "", {}):
            body[field] = ctx.props[name]
    company = await api(ctx, "POST", "/companies", json=body)
    ctx.summary = f"Saved the company {company.get('name') or ctx.props.companyId!r}"
    return company
