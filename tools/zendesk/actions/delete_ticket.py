from ..app import app, request


@app.action(
    "delete-ticket",
    title="Delete Ticket",
    description=(
        "Delete a Zendesk ticket. It goes to Deleted tickets, where an admin can restore it for 30 days before it "
        "is removed for good."
    ),
    props={"ticket": app.definition("ticket")},
    destructive=True,
    idempotent=True,
)
async def delete_ticket(ctx):
    await request(ctx, "DELETE", f"/tickets/{ctx.props.ticket}")
    ctx.summary = f"Deleted ticket #{ctx.props.ticket}"
    return {"id": ctx.props.ticket, "deleted": True}
