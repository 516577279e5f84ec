from ..app import DRAFT_NOT_FOUND, app, request, seg


@app.action(
    "delete-draft",
    title="Delete Draft",
    description=(
        "Delete a draft from the connected Gmail mailbox for good (it does not go to the Trash). To send it instead, "
        "use gmail-send-draft."
    ),
    props={"draftId": app.definition("draftId")},
    destructive=True,
    idempotent=True,
)
async def delete_draft(ctx):
    await request(ctx, "DELETE", f"/drafts/{seg(ctx.props.draftId)}", not_found=DRAFT_NOT_FOUND)
    ctx.summary = f"Deleted draft {ctx.props.draftId}"
    return {"deleted": True, "id": ctx.props.draftId}
