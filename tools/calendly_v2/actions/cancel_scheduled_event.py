from mcp_gateway.catalog import props

from ..app import api, app, uuid_of


def _cancellation(answer):
    resource = answer.get("resource") or {}
    return {"canceled_by": resource.get("canceled_by"), "reason": resource.get("reason"),
            "canceler_type": resource.get("canceler_type"), "created_at": resource.get("created_at")}


@app.action(
    "cancel-scheduled-event",
    title="Cancel Scheduled Event",
    description=(
        "Cancel a booked Calendly meeting; Calendly tells the invitees, with the reason given. It cannot be undone: "
        "the invitee has to book again. To offer another time instead, send them a link from "
        "calendly_v2-create-scheduling-link."
    ),
    props={
        "event": app.definition("event"),
        "reason": props.string("Reason", "Why it is canceled; the invitees see it.", optional=True),
    },
    destructive=True,
    trim=_cancellation,
)
async def cancel_scheduled_event(ctx):
    body = {"reason": ctx.props.reason} if ctx.props.get("reason") else {}
    answer = await api(ctx, "POST", f"/scheduled_events/{uuid_of(ctx.props.event, 'meeting')}/cancellation", json=body)
    ctx.summary = "Canceled the meeting"
    return answer
