from mcp_gateway.catalog import ActionError, props

from ..app import api, app, customer_summary, seg

CUSTOMER_FIELDS = {
    "givenName": props.string("First Name", "The customer's given name.", optional=True),
    "familyName": props.string("Last Name", "The customer's family name.", optional=True),
    "companyName": props.string("Company", "The customer's business.", optional=True),
    "emailAddress": props.string("Email", "The customer's email address.", optional=True),
    "phoneNumber": props.string("Phone", "The phone number, best with country code, e.g. `+14155550123`.", optional=True),
    "referenceId": props.string("Reference ID", "Your own ID for the customer, e.g. the ID in your CRM.", optional=True),
    "note": props.string("Note", "A note about the customer, visible to the seller.", optional=True),
    "birthday": props.string("Birthday", "`YYYY-MM-DD`, e.g. `1990-04-17`.", optional=True),
    "address": props.obj(
        "Address",
        "The postal address in Square's fields, e.g. `{\"address_line_1\": \"500 Electric Ave\", \"locality\": "
        "\"New York\", \"administrative_district_level_1\": \"NY\", \"postal_code\": \"10003\", \"country\": \"US\"}`.",
        optional=True,
    ),
}

_FIELDS = {
    "givenName": "given_name", "familyName": "family_name", "companyName": "company_name",
    "emailAddress": "email_address", "phoneNumber": "phone_number", "referenceId": "reference_id",
    "note": "note", "birthday": "birthday", "address": "address",
}


def customer_body(ctx):
    return {field: ctx.props[prop] for prop, field in _FIELDS.items() if ctx.props.get(prop) not in (None, "")}


@app.action(
    "update-customer",
    title="Update Customer",
    description=(
        "Change some fields of an existing Square customer profile; fields left empty keep their value. To add a new "
        "customer use square-create-customer."
    ),
    props={
        "customerId": app.definition("customerId"),
        **CUSTOMER_FIELDS,
        "version": props.integer(
            "Version",
            "The profile's `version` as last read (square-get-customer); if given, Square refuses the update when "
            "someone changed the profile since.",
            optional=True,
        ),
    },
    idempotent=True,
    trim=customer_summary,
)
async def update_customer(ctx):
    body = customer_body(ctx)
    if not body:
        raise ActionError("nothing to change: give at least one field, e.g. emailAddress or note")
    if ctx.props.get("version") is not None:
        body["version"] = ctx.props.version
    customer = (await api(ctx, "PUT", f"/v2/customers/{seg(ctx.props.customerId)}", json=body)).get("customer") or {}
    ctx.summary = f"Updated the customer {customer.get('id')}"
    return customer
