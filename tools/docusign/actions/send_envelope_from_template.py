from mcp_gateway.catalog import ActionError, props

from ..app import api, app


def sent_summary(summary):
    return {"envelope_id": summary.get("envelopeId"), "status": summary.get("status"),
            "status_date_time": summary.get("statusDateTime"), "uri": summary.get("uri")}


STATUS = props.string(
    "Send Now",
    "`sent` to email the recipients now (the default); `created` to keep the envelope as a draft in DocuSign to "
    "review and send from there.",
    options=["sent", "created"],
    optional=True,
    default="sent",
)


@app.action(
    "send-envelope-from-template",
    title="Send Envelope from Template",
    description=(
        "Send a DocuSign template for signature: fill each of its roles (e.g. `Signer`, `Client`) with a person's name "
        "and email, and DocuSign emails them. The template's documents, fields and signing order are used as they "
        "are. To send your own file instead, use docusign-send-envelope-from-document. Returns the envelope ID, for "
        "docusign-get-envelope."
    ),
    props={
        "accountId": app.definition("accountId"),
        "templateId": app.definition("templateId"),
        "roles": props.object_list(
            "Roles",
            "Who fills each template role: `[{\"roleName\": \"Signer\", \"name\": \"Ada Lovelace\", \"email\": "
            "\"ada@example.com\"}]`. The role names are the template's own (docusign-get-template lists them, "
            "case-sensitive).",
        ),
        "emailSubject": props.string(
            "Email Subject", "The subject of the signing email; empty keeps the template's.", optional=True),
        "emailBlurb": props.string("Email Message", "The message in the signing email; empty keeps the template's.",
                                   optional=True),
        "status": STATUS,
    },
    trim=sent_summary,
)
async def send_envelope_from_template(ctx):
    roles = []
    for number, role in enumerate(ctx.props.roles, 1):
        if not isinstance(role, dict) or not all(role.get(k) for k in ("roleName", "name", "email")):
            raise ActionError(f"role {number} needs `roleName`, `name` and `email`")
        roles.append({"roleName": role["roleName"], "name": role["name"], "email": role["email"]})
    if not roles:
        raise ActionError("fill at least one template role in roles")
    body = {"templateId": ctx.props.templateId, "templateRoles": roles, "status": ctx.props.get("status") or "sent"}
    for prop in ("emailSubject", "emailBlurb"):
        if ctx.props.get(prop):
            body[prop] = ctx.props[prop]
    summary = await api(ctx, "POST", "/envelopes", json=body)
    verb = "Sent" if body["status"] == "sent" else "Saved as a draft"
    ctx.summary = f"{verb} the envelope {summary.get('envelopeId')} to {', '.join(r['email'] for r in roles)}"
    return summary
