from mcp_gateway.catalog import ActionError, props

from ..app import api, app, seg


@app.action(
    "void-envelope",
    title="Void Envelope",
    description=(
        "Cancel a sent DocuSign envelope that is not completed yet: recipients can no longer sign and are told why. "
        "This cannot be undone; to send again, create a new envelope. Completed envelopes cannot be voided."
    ),
    props={
        "accountId": app.definition("accountId"),
        "envelopeId": app.definition("envelopeId"),
        "voidedReason": props.string("Reason", "Why it is voided, shown to the recipients, e.g. `Wrong contract version`."),
    },
    destructive=True,
    idempotent=True,
)
async def void_envelope(ctx):
    reason = ctx.props.voidedReason.strip()
    if not reason:
        raise ActionError("DocuSign needs a reason to void an envelope; write one in voidedReason")
    envelope_id = ctx.props.envelopeId.strip()
    await api(ctx, "PUT", f"/envelopes/{seg(envelope_id, 'envelope ID')}", json={"status": "voided", "voidedReason": reason})
    ctx.summary = f"Voided the envelope {envelope_id}"
    return {"envelope_id": envelope_id, "status": "voided", "voided_reason": reason}
