from mcp_gateway.catalog import props

from ..app import api, app, document_summary, seg


@app.action(
    "send-document",
    title="Send Document",
    description=(
        "Send a draft PandaDoc document to its recipients by email for viewing and signing, with an optional subject "
        "and message. The document must be `document.draft` (see pandadoc-get-document-status); afterwards it is "
        "`document.sent`. With `silent`, no emails go out and recipients sign through their shared links."
    ),
    props={
        "documentId": app.definition("documentId"),
        "subject": props.string("Subject", "The email's subject; defaults to PandaDoc's.", optional=True),
        "message": props.string("Message", "The email's message above the link to the document.", optional=True),
        "silent": props.boolean("Silent", "Send no notification emails (recipients use shared links).", optional=True,
                                default=False),
    },
    trim=document_summary,
)
async def send_document(ctx):
    body = {key: ctx.props[key] for key in ("subject", "message") if ctx.props.get(key)}
    if ctx.props.get("silent"):
        body["silent"] = True
    document = await api(ctx, "POST", f"/documents/{seg(ctx.props.documentId)}/send", json=body)
    ctx.summary = f"Sent {document.get('name')!r} ({document.get('status')})"
    return document
