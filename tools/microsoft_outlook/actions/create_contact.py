from mcp_gateway.catalog import ActionError, props

from ..app import app, contact_summary, graph, recipients


@app.action(
    "create-contact",
    title="Create Contact",
    description=(
        "Add a contact to the connected user's Outlook contacts. Check first with microsoft_outlook-list-contacts "
        "that the person is not there yet. Returns the new contact's ID, name, addresses and phones."
    ),
    props={
        "givenName": props.string("First Name", "The contact's first name, e.g. `Ada`."),
        "surname": props.string("Last Name", "The contact's last name, e.g. `Lovelace`.", optional=True),
        "emailAddresses": props.string_list(
            "Email Addresses", "Up to three email addresses, e.g. `[\"ada@example.com\"]`.", optional=True
        ),
        "businessPhones": props.string_list(
            "Business Phones", "Work phone numbers, e.g. `[\"+1 425 555 0100\"]`.", optional=True
        ),
        "mobilePhone": props.string("Mobile Phone", "The mobile number, e.g. `+1 425 555 0101`.", optional=True),
        "companyName": props.string("Company", "The company the contact works for.", optional=True),
        "jobTitle": props.string("Job Title", "The contact's job title.", optional=True),
        "personalNotes": props.string("Notes", "Free-text notes about the contact.", optional=True),
    },
    trim=contact_summary,
)
async def create_contact(ctx):
    contact = {"givenName": ctx.props.givenName}
    emails = recipients(ctx.props.get("emailAddresses"), "emailAddresses")
    if len(emails) > 3:
        raise ActionError("Outlook keeps at most three email addresses per contact")
    if emails:
        contact["emailAddresses"] = [
            {"address": e["emailAddress"]["address"], "name": e["emailAddress"].get("name") or e["emailAddress"]["address"]}
            for e in emails
        ]
    for name in ("surname", "businessPhones", "mobilePhone", "companyName", "jobTitle", "personalNotes"):
        if ctx.props.get(name):
            contact[name] = ctx.props[name]
    created = await graph(ctx, "POST", "/me/contacts", json_body=contact)
    ctx.summary = f"Created contact {created.get('displayName') or ctx.props.givenName}"
    return created
