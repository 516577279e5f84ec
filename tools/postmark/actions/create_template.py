from mcp_gateway.catalog import ActionError, props

from ..app import api, app, template_summary


@app.action(
    "create-template",
    title="Create Template",
    description=(
        "Store a new email template on this Postmark server, with `{{variable}}` placeholders (Mustachio syntax) in its "
        "subject and bodies. To change an existing one use postmark-update-template."
    ),
    props={
        "name": props.string("Name", "The template's name, e.g. `Welcome email`."),
        "alias": props.string("Alias", "A short unique name to send it by, e.g. `welcome`.", optional=True),
        "subject": props.string("Subject", "The subject line; may hold variables, e.g. `Welcome, {{name}}`."),
        "htmlBody": props.string("HTML Body", "The body as HTML. Give this, the text body, or both.", optional=True),
        "textBody": props.string("Text Body", "The body as plain text.", optional=True),
    },
    trim=template_summary,
)
async def create_template(ctx):
    if not ctx.props.get("htmlBody") and not ctx.props.get("textBody"):
        raise ActionError("give the template a body: htmlBody, textBody or both")
    body = {"Name": ctx.props.name, "Subject": ctx.props.subject}
    for prop, field in (("alias", "Alias"), ("htmlBody", "HtmlBody"), ("textBody", "TextBody")):
        if ctx.props.get(prop):
            body[field] = ctx.props[prop]
    created = await api(ctx, "POST", "/templates", json=body)
    ctx.summary = f"Created the template {ctx.props.name!r}"
    return {**body, **created}
