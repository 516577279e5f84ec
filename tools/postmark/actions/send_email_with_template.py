from mcp_gateway.catalog import props

from ..app import addresses, api, app, send_result


@app.action(
    "send-email-with-template",
    title="Send Email With Template",
    description=(
        "Send one email from a template stored in Postmark, filling its variables from the template model (e.g. "
        "`{\"name\": \"Ada\", \"action_url\": \"https://...\"}`). The template supplies subject and body. To write the "
        "subject and body here instead, use postmark-send-email."
    ),
    props={
        "template": app.definition("template"),
        "templateModel": props.obj("Template Model", "The values of the template's variables, as an object.", optional=True),
        "from": app.definition("from"),
        "to": app.definition("to"),
        "cc": props.string_list("Cc", "Addresses to copy.", optional=True),
        "bcc": props.string_list("Bcc", "Addresses to copy blindly.", optional=True),
        "replyTo": props.string("Reply To", "Where replies go, if not to the sender.", optional=True),
        "tag": props.string("Tag", "One tag to group the message, e.g. `welcome`.", optional=True),
        "messageStream": app.definition("messageStream"),
    },
    trim=send_result,
)
async def send_email_with_template(ctx):
    template = str(ctx.props.template).strip()
    body = {"TemplateId": int(template)} if template.isdigit() else {"TemplateAlias": template}
    body.update({"TemplateModel": dict(ctx.props.get("templateModel") or {}), "From": ctx.props["from"],
                 "To": addresses(ctx.props.to)})
    for prop, field in (("replyTo", "ReplyTo"), ("tag", "Tag"), ("messageStream", "MessageStream")):
        if ctx.props.get(prop):
            body[field] = ctx.props[prop]
    for prop, field in (("cc", "Cc"), ("bcc", "Bcc")):
        if ctx.props.get(prop):
            body[field] = addresses(ctx.props[prop])
    sent = await api(ctx, "POST", "/email/withTemplate", json=body)
    ctx.summary = f"Sent the template {template!r} to {body['To']}"
    return sent
