from ..app import api, app, zone_path, zone_summary


@app.action(
    "get-zone",
    title="Get Zone",
    description=(
        "Read one Cloudflare zone: its domain, status (`pending` until its name servers point at Cloudflare), the "
        "name servers to set at the registrar, plan and account. To find a zone by domain use cloudflare_api_key-list-zones."
    ),
    props={"zoneId": app.definition("zoneId")},
    read_only=True,
    trim=lambda data: zone_summary(data.get("result") or {}),
)
async def get_zone(ctx):
    data = await api(ctx, "GET", zone_path(ctx.props.zoneId))
    zone = data.get("result") or {}
    ctx.summary = f"Read the zone {zone.get('name')} ({zone.get('status')})"
    return data
