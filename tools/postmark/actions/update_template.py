from urllib.parse import quote

from mcp_gateway.catalog import ActionError, props

from ..app import api, app, template_summary


@app.action(
    "update-template",
    title="Update Template",
    description="Change a Postmark template's name, subject or bodies; fields left empty stay as they are.",
    props={
        "template": app.definition("template"),
        "name": props.string("Name", "A new name.", optional=True),
        "subject": props.string("Subject", "A new subject line.", optional=True),
        "htmlBody": props.string("HTML Body", "A new HTML body.", optional=True),
        "textBody": props.string("Text Body", "A new plain-text body.", optional=True),
    },
    idempotent=True,
    trim=template_summary,
)
async def update_template(ctx):
    body = {field: ctx.props[prop] for prop, field in (
        ("name", "Name"), ("subject", "Subject"), ("htmlBody", "HtmlBody"), ("textBody", "TextBody")) if ctx.props.get(prop)}
    if not body:
        raise ActionError("nothing to change: give a name, subject, htmlBody or textBody")
    updated = await api(ctx, "PUT", f"/templates/{quote(str(ctx.props.template).strip(), safe='')}", json=body)
    ctx.summary = f"Updated the template {updated.get('Name')!r}"
    return updated
