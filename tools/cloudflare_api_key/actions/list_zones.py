from mcp_gateway.catalog import props, within

from ..app import app, collect, zone_summary


@app.action(
    "list-zones",
    title="List Zones",
    description=(
        "List the domains (zones) the API token can see, with their IDs, status and name servers, optionally only "
        "one domain name or status. Use the `id` as zoneId in the DNS and cache actions; for one zone's details use "
        "cloudflare_api_key-get-zone."
    ),
    props={
        "name": props.string("Domain Name", "Only the zone with this domain name, e.g. `example.com`.", optional=True),
        "status": props.string("Status", "Only zones in this state.", options=["active", "pending", "initializing", "moved",
                                                                                "deleted", "deactivated"], optional=True),
        "limit": props.limit("zones"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("zones", zone_summary),
)
async def list_zones(ctx):
    params = {key: ctx.props[key].strip() for key in ("name", "status") if ctx.props.get(key)}
    zones, total, following = await collect(ctx, "/zones", limit=ctx.props.limit, cursor=ctx.props.get("cursor"),
                                            per_page=50, params=params)
    ctx.summary = f"Listed {len(zones)} of {total} zone{'s' if total != 1 else ''}"
    return {"zones": zones, "total": total, "next_cursor": following}
