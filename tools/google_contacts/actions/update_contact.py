from mcp_gateway.catalog import ActionError

from ..app import FIELDS, PERSON_FIELDS, api, app, person_body, person_name, person_summary


@app.action(
    "update-contact",
    title="Update Contact",
    description=(
        "Change a Google Contacts contact's name, emails, phone numbers, company, job title or notes; what is left "
        "empty stays as it is. A list given replaces the old one whole: to add an email, pass the old ones with the "
        "new (google_contacts-get-contact shows them). The latest version is read first, so no etag is needed."
    ),
    props={"resourceName": app.definition("resourceName"), **{name: app.definition(name) for name in FIELDS}},
    idempotent=True,
    trim=person_summary,
)
async def update_contact(ctx):
    changes = person_body(ctx.props)
    if not changes:
        raise ActionError("nothing to change: give a name, emails, phones, company, job title or notes")
    resource = person_name(ctx.props.resourceName)
    current = await api(ctx, "GET", f"/{resource}", params={"personFields": f"{','.join(changes)},metadata"})
    # A name or company part left out keeps its present value.
    for field, parts in (("names", ("givenName", "familyName")), ("organizations", ("name", "title"))):
        if field in changes:
            old = next(iter(current.get(field) or []), {})
            changes[field] = [{**{p: old[p] for p in parts if old.get(p)}, **changes[field][0]}]
    body = {"etag": current.get("etag"), "metadata": {"sources": (current.get("metadata") or {}).get("sources") or []}, **changes}
    person = await api(ctx, "PATCH", f"/{resource}:updateContact",
                       params={"updatePersonFields": ",".join(changes), "personFields": PERSON_FIELDS}, json=body)
    ctx.summary = f"Updated the {', '.join(changes)} of {person_summary(person)['name']!r}"
    return person
