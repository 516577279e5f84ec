from mcp_gateway.catalog import ActionError, props

from ..app import RECORD_TYPES, api, app, record_summary, zone_path

_FIELDS = ("type", "name", "content", "ttl", "proxied", "priority", "comment")


@app.action(
    "update-dns-record",
    title="Update DNS Record",
    description=(
        "Change some fields of an existing DNS record, e.g. point an A record at a new IP address or turn the proxy "
        "on; fields left out keep their values. Find the record ID with cloudflare_api_key-list-dns-records. To add "
        "a record use cloudflare_api_key-create-dns-record."
    ),
    props={
        "zoneId": app.definition("zoneId"),
        "recordId": app.definition("recordId"),
        "type": props.string("Type", "A new record type.", options=RECORD_TYPES, optional=True),
        "name": props.string("Name", "A new name, e.g. `api` or `api.example.com`.", optional=True),
        "content": props.string("Content", "A new value, e.g. `203.0.113.7`.", optional=True),
        "ttl": props.integer("TTL", "New cache time in seconds (60 to 86400), or 1 for automatic.", min=1, optional=True),
        "proxied": props.boolean("Proxied", "Send traffic through Cloudflare (A, AAAA and CNAME only).", optional=True),
        "priority": props.integer("Priority", "A new MX priority.", min=0, max=65535, optional=True),
        "comment": props.string("Comment", "A new note; an empty string removes it.", optional=True),
    },
    idempotent=True,
    trim=lambda data: record_summary(data.get("result") or {}),
)
async def update_dns_record(ctx):
    body = {key: ctx.props[key] for key in _FIELDS if ctx.props.get(key) is not None}
    if not body:
        raise ActionError("give at least one field to change: type, name, content, ttl, proxied, priority or comment")
    path = zone_path(ctx.props.zoneId, "dns_records", ctx.props.recordId.strip())
    data = await api(ctx, "PATCH", path, json=body)
    record = data.get("result") or {}
    ctx.summary = f"Updated the {record.get('type')} record {record.get('name')}"
    return data
