from mcp_gateway.catalog import props

from ..app import api, app


@app.action(
    "cancel-downtime",
    title="Cancel Downtime (Unmute)",
    description=(
        "End a downtime now, so the monitors it muted notify again: this is how to unmute a monitor muted with "
        "datadog-mute-monitor. The downtime ID is the `downtime_id` that action returned."
    ),
    props={"downtimeId": props.string("Downtime ID", "The downtime's ID, e.g. `00e000000-0000-1234-0000-000000000000`, "
                                                     "the `downtime_id` from datadog-mute-monitor.")},
    destructive=True,
    idempotent=True,
)
async def cancel_downtime(ctx):
    downtime_id = ctx.props.downtimeId.strip()
    await api(ctx, "DELETE", f"/api/v2/downtime/{downtime_id}")
    ctx.summary = f"Cancelled the downtime {downtime_id}"
    return {"downtime_id": downtime_id, "cancelled": True}
