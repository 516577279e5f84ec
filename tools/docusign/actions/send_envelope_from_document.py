import asyncio
import base64
from pathlib import PurePosixPath

from mcp_gateway.catalog import ActionError, props

from ..app import api, app
from .send_envelope_from_template import STATUS, sent_summary

# DocuSign takes a request of up to 25 MB; base64 makes a file a third larger.
MAX_BYTES = 18 * 1024 * 1024


@app.action(
    "send-envelope-from-document",
    title="Send Envelope from Document",
    description=(
        "Send a file from /tmp (PDF, Word and most office formats) for e-signature to one or more signers, in order, "
        "with optional copies to others. Each signer signs where an anchor text appears in the document (e.g. "
        "`/sn1/`), or wherever they choose when no anchor is given. To send a prepared DocuSign template, use "
        "docusign-send-envelope-from-template. Returns the envelope ID."
    ),
    props={
        "accountId": app.definition("accountId"),
        "filePath": props.string(
            "Document",
            "The file to sign: a path under /tmp such as `/tmp/contract.pdf` saved by an earlier step (same stash_id), or "
            "the `file_...` id of a file sent to the gateway.",
        ),
        "documentName": props.string("Document Name", "The name signers see; defaults to the file's name.", optional=True),
        "emailSubject": props.string("Email Subject", "The subject of the signing email, e.g. `Please sign: NDA`."),
        "emailBlurb": props.string("Email Message", "A message in the signing email.", optional=True),
        "signers": props.object_list(
            "Signers",
            "Who signs, in signing order: `[{\"name\": \"Ada Lovelace\", \"email\": \"ada@example.com\", "
            "\"anchorString\": \"/sn1/\"}]`. `anchorString` (optional) is text in the document where that signer's "
            "signature goes.",
        ),
        "carbonCopies": props.object_list(
            "Copies To", "People who get a copy once everyone signed: `[{\"name\": \"...\", \"email\": \"...\"}]`.",
            optional=True,
        ),
        "status": STATUS,
    },
    stash="optional",
    trim=sent_summary,
)
async def send_envelope_from_document(ctx):
    path = ctx.tmp_path(ctx.props.filePath)
    try:
        data = await asyncio.to_thread(path.read_bytes)
    except (FileNotFoundError, IsADirectoryError):
        raise ActionError(
            f"{ctx.props.filePath} is not a file in /tmp; pass the stash_id of the step that saved it, or a file_id"
        ) from None
    if not data:
        raise ActionError(f"{ctx.props.filePath} is empty")
    if len(data) > MAX_BYTES:
        raise ActionError(f"{ctx.props.filePath} is {len(data)} bytes; DocuSign takes documents of up to about 18 MB here")
    name = PurePosixPath(ctx.props.filePath).name
    extension = PurePosixPath(name).suffix.lstrip(".")
    if not extension:
        raise ActionError("the file needs an extension such as `.pdf` or `.docx`, so DocuSign knows its format")
    signers = [_recipient(s, i, "signer") for i, s in enumerate(ctx.props.signers, 1)]
    if not signers:
        raise ActionError("give at least one signer")
    copies = [_recipient(c, len(signers) + i, "copy") for i, c in enumerate(ctx.props.get("carbonCopies") or [], 1)]
    for routing, signer in enumerate(signers, 1):
        signer["routingOrder"] = str(routing)
    for copy in copies:
        copy["routingOrder"] = str(len(signers) + 1)
    for signer, raw in zip(signers, ctx.props.signers):
        if raw.get("anchorString"):
            signer["tabs"] = {"signHereTabs": [{"anchorString": raw["anchorString"], "anchorUnits": "pixels",
                                                "anchorXOffset": "0", "anchorYOffset": "0"}]}
    recipients = {"signers": signers}
    if copies:
        recipients["carbonCopies"] = copies
    body = {
        "emailSubject": ctx.props.emailSubject,
        "documents": [{"documentId": "1", "name": ctx.props.get("documentName") or name, "fileExtension": extension,
                       "documentBase64": base64.b64encode(data).decode()}],
        "recipients": recipients,
        "status": ctx.props.get("status") or "sent",
    }
    if ctx.props.get("emailBlurb"):
        body["emailBlurb"] = ctx.props.emailBlurb
    summary = await api(ctx, "POST", "/envelopes", json=body)
    verb = "Sent" if body["status"] == "sent" else "Saved as a draft"
    ctx.summary = f"{verb} the envelope {summary.get('envelopeId')} to {', '.join(s['email'] for s in signers)}"
    return summary


def _recipient(raw, recipient_id, what):
    if not isinstance(raw, dict) or not raw.get("name") or not raw.get("email"):
        raise ActionError(f"each {what} needs a `name` and an `email`")
    return {"email": raw["email"], "name": raw["name"], "recipientId": str(recipient_id)}
