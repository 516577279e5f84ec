from mcp_gateway.catalog import props, within

from ..app import app, collect, company_summary


@app.action(
    "list-companies",
    title="List Companies",
    description=(
        "List the companies (customer organizations) in Freshdesk with their IDs and email domains, for filtering "
        "tickets and contacts by company."
    ),
    props={"limit": props.limit("companies"), "cursor": props.cursor()},
    read_only=True,
    trim=within("companies", company_summary),
)
async def list_companies(ctx):
    companies, following = await collect(ctx, "/companies", limit=ctx.props.limit, cursor=ctx.props.get("cursor"))
    ctx.summary = f"Listed {len(companies)} compan{'ies' if len(companies) != 1 else 'y'}"
    return {"companies": companies, "next_cursor": following}
