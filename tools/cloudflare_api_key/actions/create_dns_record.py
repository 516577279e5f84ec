from mcp_gateway.catalog import ActionError, props

from ..app import RECORD_TYPES, api, app, record_summary, zone_path


@app.action(
    "create-dns-record",
    title="Create DNS Record",
    description=(
        "Add a DNS record to a zone, e.g. an A record pointing `www` at a server or a TXT record to verify a domain. "
        "To change an existing record use cloudflare_api_key-update-dns-record; creating a duplicate fails. Returns "
        "the new record with its ID."
    ),
    props={
        "zoneId": app.definition("zoneId"),
        "type": props.string("Type", "The record type, e.g. `A`, `CNAME` or `TXT`.", options=RECORD_TYPES),
        "name": props.string("Name", "The record's name: `@` for the domain itself, `www`, or a full name such as "
                                     "`www.example.com`."),
        "content": props.string("Content", "The record's value: an IPv4 address for A, IPv6 for AAAA, a host name for "
                                           "CNAME and MX, the text for TXT."),
        "ttl": props.integer("TTL", "Seconds resolvers may cache it: 60 to 86400, or 1 for automatic (the default).",
                             min=1, optional=True),
        "proxied": props.boolean("Proxied", "Send traffic through Cloudflare (orange cloud); A, AAAA and CNAME only.",
                                 optional=True),
        "priority": props.integer("Priority", "The MX priority, lower first; required for MX.", min=0, max=65535, optional=True),
        "comment": props.string("Comment", "A note kept with the record.", optional=True),
    },
    trim=lambda data: record_summary(data.get("result") or {}),
)
async def create_dns_record(ctx):
    if ctx.props.type == "MX" and ctx.props.get("priority") is None:
        raise ActionError("an MX record needs a priority, e.g. 10")
    body = {"type": ctx.props.type, "name": ctx.props.name.strip(), "content": ctx.props.content.strip(),
            "ttl": ctx.props.get("ttl") or 1}
    for key in ("proxied", "priority", "comment"):
        if ctx.props.get(key) is not None:
            body[key] = ctx.props[key]
    data = await api(ctx, "POST", zone_path(ctx.props.zoneId, "dns_records"), json=body)
    record = data.get("result") or {}
    ctx.summary = f"Created the {record.get('type')} record {record.get('name')} → {record.get('content')}"
    return data
