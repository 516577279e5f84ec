from ..app import api, app, email_summary, seg


@app.action(
    "get-email",
    title="Get Email",
    description=(
        "Read one email sent through Resend and its latest status (`last_event`: queued, scheduled, sent, delivered, "
        "opened, clicked, bounced, complained, canceled...). The ID comes from resend-send-email or "
        "resend-send-batch-emails."
    ),
    props={"emailId": app.definition("emailId")},
    read_only=True,
    trim=email_summary,
)
async def get_email(ctx):
    email = await api(ctx, "GET", f"/emails/{seg(ctx.props.emailId)}")
    ctx.summary = f"The email {email.get('subject')!r} is {email.get('last_event')}"
    return email
