from mcp_gateway.catalog import props, within

from ..app import RECORD_TYPES, app, collect, record_summary, zone_path


@app.action(
    "list-dns-records",
    title="List DNS Records",
    description=(
        "List a zone's DNS records, optionally only one type, name or content, with their IDs for "
        "cloudflare_api_key-update-dns-record and cloudflare_api_key-delete-dns-record."
    ),
    props={
        "zoneId": app.definition("zoneId"),
        "type": props.string("Type", "Only records of this type, e.g. `A` or `CNAME`.", options=RECORD_TYPES, optional=True),
        "name": props.string("Name", "Only records with this full name, e.g. `www.example.com`.", optional=True),
        "content": props.string("Content", "Only records with this value, e.g. `198.51.100.4`.", optional=True),
        "limit": props.limit("records"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("records", record_summary),
)
async def list_dns_records(ctx):
    params = {key: ctx.props[key].strip() for key in ("type", "name", "content") if ctx.props.get(key)}
    records, total, following = await collect(ctx, zone_path(ctx.props.zoneId, "dns_records"), limit=ctx.props.limit,
                                              cursor=ctx.props.get("cursor"), per_page=100, params=params)
    ctx.summary = f"Listed {len(records)} of {total} DNS record{'s' if total != 1 else ''}"
    return {"records": records, "total": total, "next_cursor": following}
