from mcp_gateway.catalog import props

from ..app import api, app, seg


@app.action(
    "get-mutation-status",
    title="Get Mutation Status",
    description=(
        "Check whether a change sent with coda-upsert-rows, coda-update-row or coda-delete-row has been applied to the "
        "doc, by the `requestId` it returned. Until `completed` is true, reads may not show the change yet."
    ),
    props={"requestId": props.string("Request ID", "The `requestId` a row change returned, e.g. `abc-123-def-456`.")},
    read_only=True,
)
async def get_mutation_status(ctx):
    status = await api(ctx, "GET", f"/mutationStatus/{seg(ctx.props.requestId)}")
    ctx.summary = "The change has been applied" if status.get("completed") else "The change is not applied yet"
    if status.get("warning"):
        ctx.summary += f" ({status['warning']})"
    return {"request_id": ctx.props.requestId, "completed": bool(status.get("completed")), "warning": status.get("warning")}
