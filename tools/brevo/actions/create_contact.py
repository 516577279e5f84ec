from mcp_gateway.catalog import ActionError, props

from ..app import api, app


@app.action(
    "create-contact",
    title="Create Contact",
    description=(
        "Add a contact to Brevo with attributes and lists. With `updateEnabled`, an existing contact with that email "
        "is updated instead of failing. To change a known contact, brevo-update-contact is the clearer choice. "
        "Returns the new contact's ID (nothing when an existing one was updated)."
    ),
    props={
        "email": props.string("Email", "The contact's email address. Leave empty only for an SMS-only contact with an "
                              "`SMS` attribute.", optional=True),
        "attributes": app.definition("attributes"),
        "listIds": app.definition("listIds"),
        "updateEnabled": props.boolean("Update If Present", "Update the contact when the email exists already.",
                                       optional=True, default=False),
        "emailBlacklisted": props.boolean("Block Email", "Send this contact no email campaigns.", optional=True),
        "smsBlacklisted": props.boolean("Block SMS", "Send this contact no SMS campaigns.", optional=True),
        "extId": props.string("External ID", "Your own ID for the contact (the `ext_id` attribute).", optional=True),
    },
)
async def create_contact(ctx):
    if not ctx.props.get("email") and not (ctx.props.get("attributes") or {}).get("SMS") and not ctx.props.get("extId"):
        raise ActionError("give the contact an email, an `SMS` attribute or an extId")
    body = {}
    if ctx.props.get("email"):
        body["email"] = ctx.props.email.strip()
    if ctx.props.get("extId"):
        body["ext_id"] = ctx.props.extId
    for prop in ("attributes", "listIds"):
        if ctx.props.get(prop):
            body[prop] = ctx.props[prop]
    for prop in ("emailBlacklisted", "smsBlacklisted"):
        if ctx.props.get(prop) is not None:
            body[prop] = bool(ctx.props[prop])
    if ctx.props.get("updateEnabled"):
        body["updateEnabled"] = True
    created = await api(ctx, "POST", "/contacts", json=body)
    who = body.get("email") or body.get("ext_id") or ctx.props.attributes.get("SMS")
    ctx.summary = f"Created the contact {who}" if created.get("id") else f"Updated the contact {who}"
    return {"id": created.get("id"), "email": body.get("email"), "created": bool(created.get("id"))}
