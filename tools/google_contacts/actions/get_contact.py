from ..app import PERSON_FIELDS, api, app, person_name, person_summary


@app.action(
    "get-contact",
    title="Get Contact",
    description=(
        "Read one Google Contacts contact by its resource name: names, emails, phones, company and title, addresses, "
        "birthday, notes, links and groups. With Full Response, every field with its metadata."
    ),
    props={"resourceName": app.definition("resourceName")},
    read_only=True,
    trim=person_summary,
)
async def get_contact(ctx):
    person = await api(ctx, "GET", f"/{person_name(ctx.props.resourceName)}", params={"personFields": PERSON_FIELDS})
    ctx.summary = f"Read the contact {person_summary(person)['name']!r}"
    return person
