from ..app import api, app, document_summary, seg


@app.action(
    "get-document-status",
    title="Get Document Status",
    description=(
        "Check where a PandaDoc document stands: `document.uploaded` (still being made), `document.draft` (ready to "
        "send), `document.sent`, `document.viewed`, `document.completed` (signed by everyone) and so on. A document made "
        "with pandadoc-create-document-from-template can be sent once it is `document.draft`."
    ),
    props={"documentId": app.definition("documentId")},
    read_only=True,
    trim=document_summary,
)
async def get_document_status(ctx):
    document = await api(ctx, "GET", f"/documents/{seg(ctx.props.documentId)}")
    ctx.summary = f"{document.get('name')!r} is {document.get('status')}"
    return document
