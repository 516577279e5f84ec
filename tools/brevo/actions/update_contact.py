from mcp_gateway.catalog import ActionError, props

from ..app import api, app, contact_path


@app.action(
    "update-contact",
    title="Update Contact",
    description=(
        "Change a Brevo contact's attributes, add them to lists or take them off lists, or block them from email or "
        "SMS campaigns. Only what is given changes. To add a new contact, use brevo-create-contact."
    ),
    props={
        "identifier": app.definition("identifier"),
        "attributes": app.definition("attributes"),
        "listIds": app.definition("listIds", label="Add to Lists"),
        "unlinkListIds": app.definition("listIds", label="Remove from Lists",
                                        description="IDs of lists to take the contact off, from brevo-list-contact-lists."),
        "emailBlacklisted": props.boolean("Block Email", "Send this contact no email campaigns (false: allow again).",
                                          optional=True),
        "smsBlacklisted": props.boolean("Block SMS", "Send this contact no SMS campaigns (false: allow again).",
                                        optional=True),
        "extId": props.string("External ID", "Your own ID for the contact (the `ext_id` attribute).", optional=True),
    },
    idempotent=True,
)
async def update_contact(ctx):
    body = {}
    for prop in ("attributes", "listIds", "unlinkListIds"):
        if ctx.props.get(prop):
            body[prop] = ctx.props[prop]
    for prop in ("emailBlacklisted", "smsBlacklisted"):
        if ctx.props.get(prop) is not None:
            body[prop] = bool(ctx.props[prop])
    if ctx.props.get("extId"):
        body["ext_id"] = ctx.props.extId
    if not body:
        raise ActionError("nothing to change: give attributes, listIds, unlinkListIds, emailBlacklisted, smsBlacklisted "
                          "or extId")
    await api(ctx, "PUT", contact_path(ctx.props.identifier), json=body)
    ctx.summary = f"Updated the contact {ctx.props.identifier.strip()}"
    return {"identifier": ctx.props.identifier.strip(), "updated": True, "changed": sorted(body)}
