from ..app import app, request, seg


@app.action(
    "delete-filter",
    title="Delete Filter",
    description=(
        "Delete a filter from the connected Gmail mailbox; emails it already sorted keep their labels. Gmail filters "
        "cannot be edited, so to change one, create the new one with gmail-create-filter and delete the old one here."
    ),
    props={"filterId": app.definition("filterId")},
    destructive=True,
    idempotent=True,
)
async def delete_filter(ctx):
    await request(
        ctx, "DELETE", f"/settings/filters/{seg(ctx.props.filterId)}",
        not_found="no filter has that ID; list filters with gmail-list-filters",
    )
    ctx.summary = f"Deleted filter {ctx.props.filterId}"
    return {"deleted": True, "id": ctx.props.filterId}
