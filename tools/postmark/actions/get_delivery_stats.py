from ..app import api, app


def _stats(stats):
    return {"inactive_addresses": stats.get("InactiveMails"),
            "bounces": {b.get("Name"): b.get("Count") for b in stats.get("Bounces") or []}}


@app.action(
    "get-delivery-stats",
    title="Get Delivery Stats",
    description=(
        "Count this Postmark server's bounces by type and its inactive addresses: a quick health check of delivery. "
        "For opens, clicks and sends over a date range use postmark-get-outbound-stats."
    ),
    read_only=True,
    trim=_stats,
)
async def get_delivery_stats(ctx):
    stats = await api(ctx, "GET", "/deliverystats")
    ctx.summary = f"{stats.get('InactiveMails', 0)} inactive addresses"
    return stats
