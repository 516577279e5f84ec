from mcp_gateway.catalog import ActionError, props, within

from ..app import api, app, domain_summary


@app.action(
    "list-domains",
    title="List Domains",
    description=(
        "List the account's sending domains in its region with their state (`active`, `unverified`, `disabled`), "
        "newest first. For one domain's DNS records, use mailgun-get-domain."
    ),
    props={
        "state": props.string("State", "Only domains in this state.", options=["active", "unverified", "disabled"], optional=True),
        "search": props.string("Search", "Only domains whose name contains this text.", optional=True),
        "limit": props.limit("domains"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("domains", domain_summary),
)
async def list_domains(ctx):
    try:
        skip = max(0, int(ctx.props.get("cursor") or 0))
    except ValueError:
        raise ActionError(f"cursor {ctx.props.cursor!r} is not one this action returned; pass a `next_cursor` unchanged") from None
    params = {"limit": ctx.props.limit, "skip": skip}
    for prop in ("state", "search"):
        if ctx.props.get(prop):
            params[prop] = ctx.props[prop]
    data = await api(ctx, "GET", "/v4/domains", params=params)
    domains = data.get("items") or []
    total = data.get("total_count") or 0
    following = skip + len(domains)
    ctx.summary = f"Listed {len(domains)} of {total} domains"
    return {"domains": domains, "total": total, "next_cursor": str(following) if domains and following < total else None}
