from mcp_gateway.catalog import ActionError, props

from ..app import api, app, document_summary


def _recipients(value):
    recipients = []
    for n, recipient in enumerate(value or [], start=1):
        if not isinstance(recipient, dict) or not recipient.get("email"):
            raise ActionError(f"recipient {n} needs an `email` (and optionally `first_name`, `last_name`, `role`)")
        recipients.append({k: recipient[k] for k in ("email", "first_name", "last_name", "role", "signing_order")
                           if recipient.get(k) not in (None, "")})
    return recipients


@app.action(
    "create-document-from-template",
    title="Create Document from Template",
    description=(
        "Make a PandaDoc document from a template, filling its variables (tokens) and naming its recipients by the "
        "template's roles. The new document is `document.uploaded` for a few seconds, then `document.draft`; send it "
        "with pandadoc-send-document once pandadoc-get-document-status shows `document.draft`. Returns the document's `id`."
    ),
    props={
        "templateId": app.definition("templateId"),
        "name": props.string("Document Name", "The new document's name, e.g. `Proposal for Acme Corp`."),
        "recipients": props.object_list(
            "Recipients",
            "Who gets the document, each `{\"email\": \"...\", \"first_name\": \"...\", \"last_name\": \"...\", \"role\": \"Client\"}`; "
            "`role` is a role name of the template (leave it out to add a plain recipient).",
        ),
        "tokens": props.obj(
            "Variables",
            "Template variables by name, e.g. `{\"Client.Company\": \"Acme Corp\", \"Deal.Amount\": \"12,000\"}`.",
            optional=True,
        ),
        "fields": props.obj(
            "Fields",
            "Pre-filled values of the template's fields by field name, e.g. `{\"Start date\": {\"value\": \"2026-12-24\"}}`.",
            optional=True,
        ),
        "metadata": props.obj("Metadata", "Your own keys and values kept with the document, e.g. `{\"deal_id\": \"2181432\"}`.",
                              optional=True),
        "tags": props.string_list("Tags", "Tags to put on the document.", optional=True),
        "folderUuid": props.string("Folder", "The ID of the documents folder to put it in; leave empty for the default.",
                                   optional=True),
    },
    trim=document_summary,
)
async def create_document_from_template(ctx):
    recipients = _recipients(ctx.props.recipients)
    if not recipients:
        raise ActionError("name at least one recipient, e.g. [{\"email\": \"josh@example.com\", \"role\": \"Client\"}]")
    body = {"name": ctx.props.name, "template_uuid": ctx.props.templateId, "recipients": recipients}
    if ctx.props.get("tokens"):
        body["tokens"] = [{"name": str(k), "value": "" if v is None else str(v)} for k, v in ctx.props.tokens.items()]
    for prop, name in (("fields", "fields"), ("metadata", "metadata"), ("tags", "tags"), ("folderUuid", "folder_uuid")):
        if ctx.props.get(prop):
            body[name] = ctx.props[prop]
    document = await api(ctx, "POST", "/documents", json=body)
    ctx.summary = f"Created {document.get('name')!r} ({document.get('id')})"
    return document
