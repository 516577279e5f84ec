from ..app import api, app, seg


@app.action(
    "cancel-scheduled-email",
    title="Cancel Scheduled Email",
    description=(
        "Cancel an email scheduled with resend-send-email (`scheduledAt`) before it goes out. Email already sent "
        "cannot be recalled."
    ),
    props={"emailId": app.definition("emailId")},
    idempotent=True,
)
async def cancel_scheduled_email(ctx):
    data = await api(ctx, "POST", f"/emails/{seg(ctx.props.emailId)}/cancel")
    ctx.summary = f"Canceled the scheduled email {data.get('id') or ctx.props.emailId}"
    return {"id": data.get("id") or ctx.props.emailId, "canceled": True}
