from mcp_gateway.catalog import props

from ..app import app, request

_FIELDS = {
    "firstName": "first_name",
    "lastName": "last_name",
    "phoneNumber": "phone_number",
    "addressLine1": "address_line_1",
    "addressLine2": "address_line_2",
    "city": "city",
    "stateProvinceRegion": "state_province_region",
    "postalCode": "postal_code",
    "country": "country",
}


@app.action(
    "add-or-update-contact",
    title="Add or Update Contact",
    description=(
        "Add a marketing contact, or update the one with the same email, and optionally put it on lists. SendGrid "
        "processes this in the background (usually within a few minutes); the result is the job ID, and "
        "sendgrid-search-contacts shows the contact once it is saved."
    ),
    props={
        "email": props.string("Email", "The contact's email address, which identifies it, e.g. `ada@example.com`."),
        "firstName": props.string("First Name", "The contact's first name.", optional=True),
        "lastName": props.string("Last Name", "The contact's last name.", optional=True),
        "phoneNumber": props.string("Phone Number", "The contact's phone number, e.g. `+14155550123`.", optional=True),
        "addressLine1": props.string("Address Line 1", "First line of the postal address.", optional=True),
        "addressLine2": props.string("Address Line 2", "Second line of the postal address.", optional=True),
        "city": props.string("City", "The contact's city.", optional=True),
        "stateProvinceRegion": props.string("State / Region", "State, province or region, e.g. `CA`.", optional=True),
        "postalCode": props.string("Postal Code", "Postal or ZIP code.", optional=True),
        "country": props.string("Country", "The contact's country, e.g. `US` or `United States`.", optional=True),
        "customFields": props.obj(
            "Custom Fields",
            "Values of custom fields keyed by the field's ID (not its name), e.g. `{\"e1_T\": \"gold\", \"w2_N\": 3}`. "
            "Custom field IDs are in Marketing > Custom Fields.",
            optional=True,
        ),
        "listIds": app.definition("listIds", optional=True, description=(
            "Lists to add the contact to (it stays on lists it is already on), e.g. "
            "`[\"ca7a3796-e8a8-4029-9ccb-df8937940562\"]`. The choices list the account's lists."
        )),
    },
    idempotent=True,
)
async def add_or_update_contact(ctx):
    contact = {"email": ctx.props.email}
    for name, field in _FIELDS.items():
        if ctx.props.get(name):
            contact[field] = ctx.props[name]
    if ctx.props.get("customFields"):
        contact["custom_fields"] = ctx.props.customFields
    body = {"contacts": [contact]}
    if ctx.props.get("listIds"):
        body["list_ids"] = list(ctx.props.listIds)
    data = await request(ctx, "PUT", "/marketing/contacts", body=body) or {}
    lists = f" on {len(body['list_ids'])} list{'s' if len(body['list_ids']) != 1 else ''}" if "list_ids" in body else ""
    ctx.summary = f"Queued adding or updating contact {ctx.props.email}{lists} (job {data.get('job_id')})"
    return {"job_id": data.get("job_id"), "email": ctx.props.email, "list_ids": body.get("list_ids", [])}
