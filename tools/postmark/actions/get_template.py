from urllib.parse import quote

from ..app import api, app, template_summary


@app.action(
    "get-template",
    title="Get Template",
    description="Read one Postmark template: its subject and its HTML and text bodies with their `{{variables}}`.",
    props={"template": app.definition("template")},
    read_only=True,
    trim=lambda t: {**template_summary(t), "html_body": t.get("HtmlBody"), "text_body": t.get("TextBody")},
)
async def get_template(ctx):
    template = await api(ctx, "GET", f"/templates/{quote(str(ctx.props.template).strip(), safe='')}")
    ctx.summary = f"Read the template {template.get('Name')!r}"
    return template
