from ..app import api, app


@app.action(
    "delete-deal",
    title="Delete Deal",
    description=(
        "Delete a Pipedrive deal. Pipedrive keeps it restorable for 30 days, then removes it for good. To close a deal "
        "instead, set its status to `won` or `lost` with pipedrive-update-deal."
    ),
    props={"dealId": app.definition("dealId")},
    destructive=True,
    idempotent=True,
)
async def delete_deal(ctx):
    await api(ctx, "DELETE", f"/v2/deals/{ctx.props.dealId}")
    ctx.summary = f"Deleted the deal #{ctx.props.dealId}"
    return {"id": ctx.props.dealId, "deleted": True}
