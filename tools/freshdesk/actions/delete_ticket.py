from ..app import app, request


@app.action(
    "delete-ticket",
    title="Delete Ticket",
    description=(
        "Delete a Freshdesk ticket. It moves to the Trash, where an agent can restore it. To end a ticket that was "
        "dealt with, close it instead with freshdesk-update-ticket (status 5)."
    ),
    props={"ticketId": app.definition("ticketId")},
    destructive=True,
    idempotent=True,
)
async def delete_ticket(ctx):
    await request(ctx, "DELETE", f"/tickets/{ctx.props.ticketId}")
    ctx.summary = f"Deleted ticket #{ctx.props.ticketId}"
    return {"id": ctx.props.ticketId, "deleted": True}
