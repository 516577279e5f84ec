from ..app import api, app, recipients_list, seg


def _trim(recipients):
    return {"recipients": recipients_list(recipients), "current_routing_order": recipients.get("currentRoutingOrder")}


@app.action(
    "list-envelope-recipients",
    title="List Envelope Recipients",
    description=(
        "List everyone on a DocuSign envelope (signers, copies, and other kinds) with their signing order and status: "
        "who has signed, who it waits for, who declined and why."
    ),
    props={"accountId": app.definition("accountId"), "envelopeId": app.definition("envelopeId")},
    read_only=True,
    trim=_trim,
)
async def list_envelope_recipients(ctx):
    recipients = await api(ctx, "GET", f"/envelopes/{seg(ctx.props.envelopeId, 'envelope ID')}/recipients")
    count = recipients.get("recipientCount")
    ctx.summary = f"The envelope has {count} recipient{'s' if str(count) != '1' else ''}"
    return recipients
