from mcp_gateway.catalog import within

from ..app import api, app, location_summary


@app.action(
    "list-locations",
    title="List Locations",
    description=(
        "List the seller's Square locations (stores, online shops, mobile sellers) with their IDs, currency and "
        "time zone. Most other Square actions need a location ID from here."
    ),
    props={},
    read_only=True,
    trim=within("locations", location_summary),
)
async def list_locations(ctx):
    data = await api(ctx, "GET", "/v2/locations")
    locations = data.get("locations") or []
    ctx.summary = f"Listed {len(locations)} location{'s' if len(locations) != 1 else ''}"
    return {"locations": locations}
