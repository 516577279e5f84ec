from ..app import api, app, envelope_summary, recipients_list, seg


def _details(envelope):
    return {**envelope_summary(envelope), "email_blurb": envelope.get("emailBlurb"),
            "delivered": envelope.get("deliveredDateTime"), "declined": envelope.get("declinedDateTime"),
            "expire_date_time": envelope.get("expireDateTime"),
            "recipients": recipients_list(envelope.get("recipients"))}


@app.action(
    "get-envelope",
    title="Get Envelope",
    description=(
        "Read one DocuSign envelope: its status (created, sent, delivered, completed, declined, voided), subject, key "
        "times, and each recipient's status. For many envelopes that changed lately use "
        "docusign-list-envelope-status-changes; for the signed files, docusign-download-envelope-documents."
    ),
    props={"accountId": app.definition("accountId"), "envelopeId": app.definition("envelopeId")},
    read_only=True,
    trim=_details,
)
async def get_envelope(ctx):
    envelope = await api(ctx, "GET", f"/envelopes/{seg(ctx.props.envelopeId, 'envelope ID')}",
                         params={"include": "recipients"})
    ctx.summary = f"The envelope {envelope.get('envelopeId')} is {envelope.get('status')}"
    return envelope
