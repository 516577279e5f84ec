from mcp_gateway.catalog import each

from ..app import api, app, seg


def _document(document):
    return {"document_id": document.get("documentId"), "name": document.get("name"), "type": document.get("type"),
            "pages": len(document.get("pages") or []) or None, "order": document.get("order")}


@app.action(
    "list-envelope-documents",
    title="List Envelope Documents",
    description=(
        "List the documents in a DocuSign envelope with their IDs, including the signing certificate (`certificate`). "
        "Pass a document ID to docusign-download-envelope-documents to save that one file."
    ),
    props={"accountId": app.definition("accountId"), "envelopeId": app.definition("envelopeId")},
    read_only=True,
    trim=each(_document),
)
async def list_envelope_documents(ctx):
    data = await api(ctx, "GET", f"/envelopes/{seg(ctx.props.envelopeId, 'envelope ID')}/documents")
    documents = data.get("envelopeDocuments") or []
    ctx.summary = f"The envelope holds {len(documents)} document{'s' if len(documents) != 1 else ''}"
    return documents
