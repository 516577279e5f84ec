from mcp_gateway.catalog import ActionError, props

from ..app import DRIVE, api, app, batch_update, document_id, seg


@app.action(
    "create-document-from-template",
    title="Create Document From Template",
    description=(
        "Copy a template Google Doc and fill in its placeholders, e.g. `{{client}}` → `Acme`, giving a new document "
        "(the template is unchanged). For a blank document use google_docs-create-document."
    ),
    props={
        "templateId": app.definition("documentId", label="Template", description=(
            "The template document: its ID or URL, or the `document_id` from google_docs-find-documents.")),
        "title": props.string("Title", "The new document's title."),
        "placeholders": props.obj(
            "Placeholders", "What to put for each placeholder, e.g. `{\"{{client}}\": \"Acme\", \"{{date}}\": \"1 May\"}`. "
            "Keys are matched exactly, braces included."
        ),
        "folderId": props.string("Folder ID", "The Drive folder to put the copy in (from its URL); leave empty for the template's folder.", optional=True),
    },
)
async def create_document_from_template(ctx):
    placeholders = {str(k): str(v) for k, v in (ctx.props.placeholders or {}).items()}
    if not placeholders:
        raise ActionError("give at least one placeholder to fill, e.g. {\"{{client}}\": \"Acme\"}")
    copy = {"name": ctx.props.title}
    if ctx.props.get("folderId"):
        copy["parents"] = [ctx.props.folderId]
    template = document_id(ctx.props.templateId)
    created = await api(ctx, "POST", f"{DRIVE}/files/{seg(template)}/copy", json=copy,
                        params={"fields": "id,name,webViewLink", "supportsAllDrives": "true"})
    requests = [{"replaceAllText": {"containsText": {"text": key, "matchCase": True}, "replaceText": value}}
                for key, value in placeholders.items()]
    answer = await batch_update(ctx, created["id"], requests)
    counts = {key: (reply.get("replaceAllText") or {}).get("occurrencesChanged", 0)
              for key, reply in zip(placeholders, answer.get("replies") or [])}
    missing = [key for key, n in counts.items() if not n]
    ctx.summary = f"Created {ctx.props.title!r} from the template" + (f"; not found: {', '.join(missing)}" if missing else "")
    return {"document_id": created["id"], "title": created.get("name"), "url": created.get("webViewLink"),
            "replacements": counts}
