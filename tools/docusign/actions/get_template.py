from ..app import api, app, recipients_list, seg, template_summary


def _details(template):
    return {
        **template_summary(template),
        "email_blurb": template.get("emailBlurb"),
        "roles": [{"role_name": r["role_name"], "type": r["type"], "routing_order": r["routing_order"],
                   "name": r["name"], "email": r["email"]} for r in recipients_list(template.get("recipients"))],
        "documents": [{"document_id": d.get("documentId"), "name": d.get("name")} for d in template.get("documents") or []],
    }


@app.action(
    "get-template",
    title="Get Template",
    description=(
        "Read one DocuSign template: its roles (the `roleName`s docusign-send-envelope-from-template fills, in signing "
        "order), documents and default email. To find templates use docusign-list-templates."
    ),
    props={"accountId": app.definition("accountId"), "templateId": app.definition("templateId")},
    read_only=True,
    trim=_details,
)
async def get_template(ctx):
    template = await api(ctx, "GET", f"/templates/{seg(ctx.props.templateId, 'template ID')}",
                         params={"include": "documents"})
    ctx.summary = f"Read the template {template.get('name')!r}"
    return template
