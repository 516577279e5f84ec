from mcp_gateway.catalog import props

from ..app import api, app


@app.action(
    "create-contact",
    title="Create Contact",
    description=(
        "Add a contact to the Resend account, for broadcasts, optionally into segments and with custom properties. "
        "Set `unsubscribed` to keep them from all broadcasts. Returns the contact's ID."
    ),
    props={
        "email": props.string("Email", "The contact's email address, e.g. `bob@example.com`."),
        "firstName": props.string("First Name", "The contact's first name.", optional=True),
        "lastName": props.string("Last Name", "The contact's last name.", optional=True),
        "unsubscribed": props.boolean("Unsubscribed", "Keep the contact from all broadcasts.", optional=True),
        "segments": app.definition("segments"),
        "properties": props.obj("Properties", "Values of the account's contact properties by key, e.g. "
                                "`{\"plan\": \"pro\"}`.", optional=True),
    },
)
async def create_contact(ctx):
    body = {"email": ctx.props.email.strip()}
    for prop, field in (("firstName", "first_name"), ("lastName", "last_name"), ("segments", "segments"),
                        ("properties", "properties")):
        if ctx.props.get(prop):
            body[field] = ctx.props[prop]
    if ctx.props.get("unsubscribed") is not None:
        body["unsubscribed"] = bool(ctx.props.unsubscribed)
    created = await api(ctx, "POST", "/contacts", json=body)
    ctx.summary = f"Added the contact {body['email']}"
    return {"id": created.get("id"), "email": body["email"]}
