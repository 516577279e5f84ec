from ..app import api, app, document_summary, recipient_summary, seg


def _details(document):
    return {
        **document_summary(document),
        "template": (document.get("template") or {}).get("name"),
        "recipients": [recipient_summary(r) for r in document.get("recipients") or []],
        "tokens": {t.get("name"): t.get("value") for t in document.get("tokens") or []},
        "fields": [{"name": f.get("name"), "value": f.get("value"), "assigned_to": (f.get("assigned_to") or {}).get("email")}
                   for f in document.get("fields") or []],
        "grand_total": document.get("grand_total"),
        "metadata": document.get("metadata"),
        "tags": document.get("tags"),
    }


@app.action(
    "get-document-details",
    title="Get Document Details",
    description=(
        "Read one PandaDoc document in full: status, recipients (and who has completed), variable (token) values, "
        "filled-in fields, totals, metadata and tags. For the status alone, pandadoc-get-document-status is lighter."
    ),
    props={"documentId": app.definition("documentId")},
    read_only=True,
    trim=_details,
)
async def get_document_details(ctx):
    document = await api(ctx, "GET", f"/documents/{seg(ctx.props.documentId)}/details")
    ctx.summary = f"Read {document.get('name')!r} ({document.get('status')})"
    return document
