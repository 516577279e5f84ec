from ..app import app, request


@app.action(
    "delete-message",
    title="Delete Message",
    description=(
        "Delete a message record (and its media) from the account's logs. This does not unsend it: only "
        "messages that are delivered, failed or received can be deleted; "
        "a queued or scheduled one is canceled by Twilio, not here. To look at it first, use twilio-get-message."
    ),
    props={"messageSid": app.definition("messageSid")},
    destructive=True,
)
async def delete_message(ctx):
    await request(ctx, "DELETE", f"/Messages/{ctx.props.messageSid}.json")
    ctx.summary = f"Deleted message {ctx.props.messageSid}"
    return {"sid": ctx.props.messageSid, "deleted": True}
