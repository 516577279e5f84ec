from mcp_gateway.catalog import props

from ..app import api, app, email_body, idempotency


@app.action(
    "send-email",
    title="Send Email",
    description=(
        "Send one email through Resend, now or at a scheduled time, with a subject and HTML or text written here, or "
        "with a template published in Resend. For up to 100 different emails in one call, use "
        "resend-send-batch-emails. Returns the email's ID, for resend-get-email and resend-cancel-scheduled-email."
    ),
    props={
        "from": props.string("From", "The sender, e.g. `Acme <onboarding@acme.com>`, on a domain verified in Resend."),
        "to": props.string_list("To", "Recipients, e.g. `[\"bob@example.com\"]` (50 at most)."),
        "subject": props.string("Subject", "The subject line (a template may bring its own).", optional=True),
        "html": props.string("HTML", "The body as HTML.", optional=True),
        "text": props.string("Text", "The body as plain text; Resend makes one from the HTML when empty.", optional=True),
        "templateId": props.string("Template ID", "The ID or alias of a published Resend template, instead of a body.",
                                   optional=True),
        "templateVariables": props.obj("Template Variables", "Values for the template's variables, e.g. "
                                       "`{\"name\": \"Bob\"}`.", optional=True),
        "cc": props.string_list("Cc", "Addresses to copy.", optional=True),
        "bcc": props.string_list("Bcc", "Addresses to copy blindly.", optional=True),
        "replyTo": props.string_list("Reply To", "Where replies go, if not to the sender.", optional=True),
        "scheduledAt": props.string(
            "Send At", "Send later: an ISO 8601 time such as `2026-12-24T09:00:00Z`, or plain words such as `in 1 hour`.",
            optional=True,
        ),
        "tags": props.obj("Tags", "Name/value labels returned in webhooks, e.g. `{\"category\": \"welcome\"}` (letters, "
                          "digits, `_` and `-` only).", optional=True),
        "headers": props.obj("Headers", "Extra email headers, e.g. `{\"X-Entity-Ref-ID\": \"123\"}`.", optional=True),
        "idempotencyKey": app.definition("idempotencyKey"),
    },
)
async def send_email(ctx):
    body = email_body(dict(ctx.props))
    sent = await api(ctx, "POST", "/emails", json=body, headers=idempotency(ctx))
    when = f" for {body['scheduled_at']}" if body.get("scheduled_at") else ""
    ctx.summary = f"Resend accepted the email to {', '.join(body['to'])}{when}"
    return {"id": sent.get("id")}
