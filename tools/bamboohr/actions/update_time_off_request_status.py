from mcp_gateway.catalog import props

from ..app import api, app, seg


@app.action(
    "update-time-off-request-status",
    title="Approve or Deny Time Off",
    description=(
        "Approve or deny a pending BambooHR time-off request, or cancel one, with an optional note the employee sees. "
        "The request ID comes from bamboohr-list-time-off-requests. The API key's owner must be allowed to approve it."
    ),
    props={
        "requestId": app.definition("requestId"),
        "status": props.string("Decision", "`approved`, `denied` or `canceled`.", options=["approved", "denied", "canceled"]),
        "note": props.string("Note", "Why, shown to the employee with the decision.", optional=True),
    },
    idempotent=True,
)
async def update_time_off_request_status(ctx):
    body = {"status": ctx.props.status}
    if ctx.props.get("note"):
        body["note"] = ctx.props.note
    await api(ctx, "PUT", f"/time_off/requests/{seg(ctx.props.requestId)}/status", json=body)
    ctx.summary = f"Marked time-off request {ctx.props.requestId} {ctx.props.status}"
    return {"id": str(ctx.props.requestId), "status": ctx.props.status}
