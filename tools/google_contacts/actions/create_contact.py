from mcp_gateway.catalog import ActionError

from ..app import FIELDS, PERSON_FIELDS, api, app, person_body, person_summary


@app.action(
    "create-contact",
    title="Create Contact",
    description=(
        "Add a contact to the user's Google Contacts with a name and any of emails, phone numbers, company, job title "
        "and notes. Google does not stop duplicates: search with google_contacts-search-contacts first, and change an "
        "existing contact with google_contacts-update-contact. Returns the new contact's resource name."
    ),
    props={name: app.definition(name) for name in FIELDS},
    trim=person_summary,
)
async def create_contact(ctx):
    body = person_body(ctx.props)
    if not body.get("names") and not body.get("emailAddresses") and not body.get("phoneNumbers"):
        raise ActionError("give at least a name, an email or a phone number for the new contact")
    person = await api(ctx, "POST", "/people:createContact", params={"personFields": PERSON_FIELDS}, json=body)
    summary = person_summary(person)
    ctx.summary = f"Created the contact {summary['name'] or (summary['emails'] or [{}])[0].get('value')!r}"
    return person
