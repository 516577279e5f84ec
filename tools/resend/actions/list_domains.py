from mcp_gateway.catalog import props, within

from ..app import app, domain_summary, page


@app.action(
    "list-domains",
    title="List Domains",
    description=(
        "List the Resend account's sending domains with their verification status (`verified`, `pending`, "
        "`not_started`, `failed`...) and region. Send only from a verified one. For a domain's DNS records, use "
        "resend-get-domain."
    ),
    props={"limit": props.limit("domains"), "cursor": props.cursor()},
    read_only=True,
    trim=within("domains", domain_summary),
)
async def list_domains(ctx):
    domains, after = await page(ctx, "/domains", limit=ctx.props.limit, cursor=ctx.props.get("cursor"))
    ctx.summary = f"Listed {len(domains)} domain{'s' if len(domains) != 1 else ''}"
    return {"domains": domains, "next_cursor": after}
