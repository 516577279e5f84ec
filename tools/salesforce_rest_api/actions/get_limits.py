from ..app import app, request


def limits_summary(limits):
    """Each limit's maximum and what remains, without the per-app breakdowns."""
    return {
        name: {"max": value.get("Max"), "remaining": value.get("Remaining")}
        for name, value in limits.items()
        if isinstance(value, dict)
    }


@app.action(
    "get-limits",
    title="Get Org Limits",
    description=(
        "Read the connected org's limits and how much of each remains: daily API requests, data and file storage "
        "(MB), single and mass emails, bulk API batches, async Apex and more. Check it before a large batch of "
        "requests."
    ),
    read_only=True,
    trim=limits_summary,
)
async def get_limits(ctx):
    limits = await request(ctx, "GET", "limits")
    api = limits.get("DailyApiRequests") or {}
    ctx.summary = f"{api.get('Remaining')} of {api.get('Max')} daily API requests remain" if api else "Read the org's limits"
    return limits
