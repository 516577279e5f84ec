import asyncio
import re

from mcp_gateway.catalog import props

from ..app import app, request, seg


@app.action(
    "download-envelope-documents",
    title="Download Envelope Documents to /tmp",
    description=(
        "Save an envelope's documents as a file in /tmp, where later steps (and File Stash) can pick it up: by default "
        "all documents as one PDF with the signatures (`combined`); `archive` for a ZIP of the separate files; "
        "`certificate` for the certificate of completion; or one document's ID from docusign-list-envelope-documents. "
        "Once the envelope is completed (docusign-get-envelope), this is the signed copy. Returns the saved path."
    ),
    props={
        "accountId": app.definition("accountId"),
        "envelopeId": app.definition("envelopeId"),
        "documentId": props.string(
            "Document", "`combined` (the default), `archive`, `certificate`, or a document ID such as `1`.",
            options=["combined", "archive", "certificate"], optional=True, default="combined"),
        "filePath": props.string(
            "Save As", "Where to save under /tmp, e.g. `/tmp/signed-nda.pdf`. Defaults to /tmp/<envelope ID>-<document>.pdf "
            "(.zip for `archive`).", optional=True),
    },
    read_only=True,
    stash="optional",
)
async def download_envelope_documents(ctx):
    envelope_id = ctx.props.envelopeId.strip()
    document = str(ctx.props.get("documentId") or "combined").strip()
    file_path = ctx.props.get("filePath") or f"/tmp/{envelope_id}-{re.sub(r'[^A-Za-z0-9_.-]', '_', document)}." + (
        "zip" if document == "archive" else "pdf")
    target = ctx.tmp_path(file_path)
    response = await request(ctx, "GET", f"/envelopes/{seg(envelope_id, 'envelope ID')}/documents/{seg(document, 'document ID')}")
    await asyncio.to_thread(_save, target, response.content)
    ctx.summary = f"Saved {document} of the envelope {envelope_id} ({len(response.content)} bytes) to {file_path}"
    return {"filePath": file_path, "size": len(response.content), "type": response.headers.get("content-type"),
            "envelope_id": envelope_id, "document_id": document}


def _save(target, content):
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(content)
