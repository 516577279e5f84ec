from ..app import api, app, zone_path


@app.action(
    "delete-dns-record",
    title="Delete DNS Record",
    description=(
        "Remove a DNS record from a zone for good; the name stops resolving to it once caches expire. To change it "
        "instead use cloudflare_api_key-update-dns-record."
    ),
    props={"zoneId": app.definition("zoneId"), "recordId": app.definition("recordId")},
    destructive=True,
    idempotent=True,
)
async def delete_dns_record(ctx):
    data = await api(ctx, "DELETE", zone_path(ctx.props.zoneId, "dns_records", ctx.props.recordId.strip()))
    record_id = (data.get("result") or {}).get("id") or ctx.props.recordId
    ctx.summary = f"Deleted the DNS record {record_id}"
    return {"id": record_id, "deleted": True}
