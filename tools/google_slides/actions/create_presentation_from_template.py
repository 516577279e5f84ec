from mcp_gateway.catalog import ActionError, props

from ..app import DRIVE, api, app, batch_update, presentation_id, seg, url_of


@app.action(
    "create-presentation-from-template",
    title="Create Presentation From Template",
    description=(
        "Copy a template Google Slides deck and fill in its placeholders, e.g. `{{client}}` → `Acme`, giving a new "
        "presentation (the template is unchanged). Says how often each placeholder was found. For a blank deck use "
        "google_slides-create-presentation; to fill placeholders in place, google_slides-replace-text."
    ),
    props={
        "templateId": app.definition("presentationId", label="Template", description=(
            "The template presentation: its ID or its docs.google.com/presentation/d/... URL.")),
        "title": props.string("Title", "The new presentation's title."),
        "placeholders": props.obj(
            "Placeholders", "What to put for each placeholder, e.g. `{\"{{client}}\": \"Acme\", \"{{date}}\": \"1 May\"}`. "
            "Keys are matched exactly, braces and case included."
        ),
        "folderId": props.string("Folder ID", "The Drive folder to put the copy in (from its URL, after `/folders/`); leave empty for the template's folder.", optional=True),
    },
)
async def create_presentation_from_template(ctx):
    placeholders = {str(k): str(v) for k, v in (ctx.props.placeholders or {}).items()}
    if not placeholders or any(not key for key in placeholders):
        raise ActionError("give at least one non-empty placeholder to fill, e.g. {\"{{client}}\": \"Acme\"}")
    copy = {"name": ctx.props.title}
    if ctx.props.get("folderId"):
        copy["parents"] = [ctx.props.folderId]
    template = presentation_id(ctx.props.templateId)
    created = await api(ctx, "POST", f"{DRIVE}/files/{seg(template)}/copy", json=copy,
                        params={"fields": "id,name", "supportsAllDrives": "true"})
    requests = [{"replaceAllText": {"containsText": {"text": key, "matchCase": True}, "replaceText": value}}
                for key, value in placeholders.items()]
    answer = await batch_update(ctx, created["id"], requests)
    counts = {key: (reply.get("replaceAllText") or {}).get("occurrencesChanged", 0)
              for key, reply in zip(placeholders, answer.get("replies") or [])}
    missing = [key for key, n in counts.items() if not n]
    ctx.summary = f"Created {ctx.props.title!r} from the template" + (f"; not found: {', '.join(missing)}" if missing else "")
    return {"presentation_id": created["id"], "title": created.get("name"), "url": url_of(created["id"]),
            "replacements": counts}
