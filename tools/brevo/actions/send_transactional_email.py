from mcp_gateway.catalog import ActionError, props

from ..app import api, app, person


@app.action(
    "send-transactional-email",
    title="Send Transactional Email",
    description=(
        "Send one transactional email through Brevo: with a subject and HTML written here, or from a Brevo template "
        "(`templateId`) filled with `params`. It can be scheduled. For marketing to a whole list, Brevo's email "
        "campaigns are used instead (brevo-list-email-campaigns). Returns the message ID."
    ),
    props={
        "to": props.string_list("To", "Recipients, e.g. `[\"bob@example.com\", \"Eve Smith <eve@example.com>\"]`."),
        "sender": props.string(
            "Sender", "The sender, e.g. `Mary from MyShop <no-reply@myshop.com>`, a sender verified in Brevo. May be "
            "left empty with a template, which has its own.", optional=True,
        ),
        "subject": props.string("Subject", "The subject line; needed unless a template is used.", optional=True),
        "htmlContent": props.string("HTML", "The body as HTML; needed unless a template is used.", optional=True),
        "textContent": props.string("Text", "A plain-text version of the body.", optional=True),
        "templateId": app.definition("templateId"),
        "params": props.obj("Template Params", "Values for the template's `{{ params.NAME }}` placeholders, e.g. "
                            "`{\"FNAME\": \"Joe\", \"ORDER\": \"1042\"}`.", optional=True),
        "cc": props.string_list("Cc", "Addresses to copy.", optional=True),
        "bcc": props.string_list("Bcc", "Addresses to copy blindly.", optional=True),
        "replyTo": props.string("Reply To", "Where replies go, e.g. `support@myshop.com`.", optional=True),
        "tags": props.string_list("Tags", "Tags to find the email by later, e.g. `[\"order-confirmation\"]`.", optional=True),
        "scheduledAt": props.string(
            "Send At", "Send later, at this ISO 8601 time with its zone, e.g. `2026-12-24T09:00:00+01:00`.", optional=True,
        ),
    },
)
async def send_transactional_email(ctx):
    template = ctx.props.get("templateId")
    if template is None:
        if not ctx.props.get("sender") or not ctx.props.get("subject") or not ctx.props.get("htmlContent"):
            raise ActionError("without a templateId, give sender, subject and htmlContent")
    elif ctx.props.get("htmlContent"):
        raise ActionError("give htmlContent or a templateId, not both: Brevo ignores the HTML of an email sent from a template")
    if ctx.props.get("params") and template is None:
        raise ActionError("params fill a template; give its templateId, or write the values into htmlContent")
    body = {"to": [person(t, "recipient") for t in ctx.props.to]}
    if ctx.props.get("sender"):
        body["sender"] = person(ctx.props.sender, "sender")
    for prop in ("subject", "htmlContent", "textContent", "params", "tags", "scheduledAt"):
        if ctx.props.get(prop):
            body[prop] = ctx.props[prop]
    if template is not None:
        body["templateId"] = template
    for prop in ("cc", "bcc"):
        if ctx.props.get(prop):
            body[prop] = [person(a, prop) for a in ctx.props[prop]]
    if ctx.props.get("replyTo"):
        body["replyTo"] = person(ctx.props.replyTo, "replyTo")
    sent = await api(ctx, "POST", "/smtp/email", json=body)
    ctx.summary = f"Brevo accepted the email to {', '.join(r['email'] for r in body['to'])}"
    return {"messageId": sent.get("messageId"), "messageIds": sent.get("messageIds"), "batchId": sent.get("batchId")}
