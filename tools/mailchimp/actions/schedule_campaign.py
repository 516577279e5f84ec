from mcp_gateway.catalog import props

from ..app import api, app, quarter_hour, seg


@app.action(
    "schedule-campaign",
    title="Schedule Campaign",
    description=(
        "Schedule a draft Mailchimp campaign to send at a set time, on a quarter hour, optionally in each recipient's "
        "time zone (Timewarp). To send now, use mailchimp-send-campaign."
    ),
    props={
        "campaignId": app.definition("campaignId"),
        "scheduleTime": props.string(
            "Send At", "When to send, in ISO 8601 with a time zone, on :00, :15, :30 or :45, e.g. `2026-12-24T09:15:00Z`.",
        ),
        "timewarp": props.boolean(
            "Timewarp", "Send at that clock time in each recipient's own time zone (a paid plan feature).", optional=True,
        ),
    },
    idempotent=True,
)
async def schedule_campaign(ctx):
    body = {"schedule_time": quarter_hour(ctx.props.scheduleTime)}
    if ctx.props.get("timewarp") is not None:
        body["timewarp"] = bool(ctx.props.timewarp)
    await api(ctx, "POST", f"/campaigns/{seg(ctx.props.campaignId)}/actions/schedule", json=body)
    ctx.summary = f"Scheduled campaign {ctx.props.campaignId} for {body['schedule_time']}"
    return {"campaign_id": ctx.props.campaignId, "schedule_time": body["schedule_time"], "scheduled": True}
