from mcp_gateway.catalog import ActionError, props

from ..app import api, app, rfc2822, seg, variables, yes_no


@app.action(
    "send-email",
    title="Send Email",
    description=(
        "Send one email through Mailgun from a sending domain: with a subject and an HTML or text body written here, or "
        "with a template stored on the domain and its variables. It can be scheduled up to a few days ahead. Returns "
        "Mailgun's message ID; mailgun-list-events with that ID shows whether it was delivered."
    ),
    props={
        "domain": app.definition("domain"),
        "from": props.string("From", "The sender, e.g. `Ada <ada@mg.example.com>`, usually an address on the domain."),
        "to": props.string_list("To", "Recipients, e.g. `[\"bob@example.com\", \"Eve <eve@example.com>\"]`."),
        "subject": props.string("Subject", "The subject line (a template may set its own).", optional=True),
        "html": props.string("HTML", "The body as HTML.", optional=True),
        "text": props.string("Text", "The body as plain text.", optional=True),
        "template": props.string("Template", "The name of a template stored on the domain, instead of a body.", optional=True),
        "templateVariables": props.obj(
            "Template Variables", "Values for the template's `{{variables}}`, e.g. `{\"name\": \"Bob\"}`.", optional=True,
        ),
        "cc": props.string_list("Cc", "Addresses to copy.", optional=True),
        "bcc": props.string_list("Bcc", "Addresses to copy blindly.", optional=True),
        "replyTo": props.string("Reply To", "Where replies go, if not to the sender.", optional=True),
        "tags": props.string_list("Tags", "Tags for statistics and event searches, e.g. `[\"receipt\"]` (3 at most).",
                                  optional=True),
        "deliveryTime": props.string(
            "Deliver At", "Send later, at this ISO 8601 time, e.g. `2026-12-24T09:00:00Z` (3 to 7 days ahead at most, "
            "by plan).", optional=True,
        ),
        "testMode": props.boolean("Test Mode", "Process the message without delivering it.", optional=True),
        "tracking": props.boolean("Track", "Track opens and clicks for this message (overrides the domain's setting).",
                                  optional=True),
    },
)
async def send_email(ctx):
    if not any(ctx.props.get(p) for p in ("html", "text", "template")):
        raise ActionError("give the email a body (html, text or both) or a stored template")
    if not ctx.props.get("subject") and not ctx.props.get("template"):
        raise ActionError("give the email a subject")
    if ctx.props.get("templateVariables") and not ctx.props.get("template"):
        raise ActionError("templateVariables need a template; for a body written here, put the values in it directly")
    form = {"from": ctx.props["from"], "to": [t.strip() for t in ctx.props.to if t.strip()]}
    for prop, field in (("subject", "subject"), ("html", "html"), ("text", "text"), ("template", "template"),
                        ("cc", "cc"), ("bcc", "bcc"), ("tags", "o:tag"), ("replyTo", "h:Reply-To")):
        if ctx.props.get(prop):
            form[field] = ctx.props[prop]
    if ctx.props.get("templateVariables"):
        form["t:variables"] = variables(ctx.props.templateVariables, "templateVariables")
    if ctx.props.get("deliveryTime"):
        form["o:deliverytime"] = rfc2822(ctx.props.deliveryTime, "deliveryTime")
    if ctx.props.get("testMode"):
        form["o:testmode"] = "yes"
    if ctx.props.get("tracking") is not None:
        form["o:tracking"] = yes_no(ctx.props.tracking)
    sent = await api(ctx, "POST", f"/v3/{seg(ctx.props.domain)}/messages", data=form)
    ctx.summary = f"Mailgun queued {ctx.props.get('subject') or ctx.props.template!r} to {', '.join(form['to'])}"
    return {"id": sent.get("id"), "message": sent.get("message")}
