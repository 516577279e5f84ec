from mcp_gateway.catalog import ActionError, props

from ..app import api, app, group_name, person_name


@app.action(
    "add-contacts-to-group",
    title="Add Contacts To Group",
    description=(
        "Put one or more Google Contacts contacts into a group (label), or star them with `contactGroups/starred`. "
        "Contacts already in it stay. Returns any contacts Google did not find. Find groups with "
        "google_contacts-list-contact-groups."
    ),
    props={
        "contactGroup": app.definition("contactGroup"),
        "resourceNames": props.string_list(
            "Contacts", "The contacts' resource names, e.g. `[\"people/c4823712375012734\"]`, from "
            "google_contacts-search-contacts or google_contacts-list-contacts; at most 1000.",
        ),
    },
    idempotent=True,
)
async def add_contacts_to_group(ctx):
    people = list(dict.fromkeys(person_name(r) for r in ctx.props.resourceNames or []))
    if not people:
        raise ActionError("give at least one contact's resource name, e.g. [\"people/c4823712375012734\"]")
    if len(people) > 1000:
        raise ActionError(f"{len(people)} contacts is more than the 1000 Google takes at once; split them into calls")
    group = group_name(ctx.props.contactGroup)
    answer = await api(ctx, "POST", f"/{group}/members:modify", json={"resourceNamesToAdd": people})
    missing = answer.get("notFoundResourceNames") or []
    ctx.summary = f"Added {len(people) - len(missing)} contact{'s' if len(people) - len(missing) != 1 else ''} to {group}"
    return {"contact_group": group, "added": [p for p in people if p not in missing], "not_found": missing}
