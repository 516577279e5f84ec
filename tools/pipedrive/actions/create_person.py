from mcp_gateway.catalog import props

from ..app import api, app, body_of, person_summary


def _entries(values):
    # The first address or number given is the person's primary one.
    return [{"value": v, "primary": i == 0} for i, v in enumerate(values)]


@app.action(
    "create-person",
    title="Create Person",
    description=(
        "Add a person (contact) to Pipedrive, with email addresses, phone numbers and their organization. Search first "
        "with pipedrive-search-persons to avoid a duplicate. Returns the new person's ID, for pipedrive-create-deal."
    ),
    props={
        "name": props.string("Name", "The person's full name, e.g. `Ada Lovelace`."),
        "emails": props.string_list("Emails", "Email addresses; the first is the primary one.", optional=True),
        "phones": props.string_list("Phones", "Phone numbers, e.g. `+44 20 7946 0000`; the first is the primary one.",
                                    optional=True),
        "orgId": app.definition("orgId", description="The organization the person works for (its ID)."),
        "ownerId": app.definition("ownerId"),
        "visibleTo": app.definition("visibleTo"),
    },
    trim=person_summary,
)
async def create_person(ctx):
    body = {"name": ctx.props.name, **body_of(ctx, {"orgId": "org_id", "ownerId": "owner_id", "visibleTo": "visible_to"})}
    for name in ("emails", "phones"):
        if ctx.props.get(name):
            body[name] = _entries(ctx.props[name])
    person = (await api(ctx, "POST", "/v2/persons", json=body)).get("data") or {}
    ctx.summary = f"Added {person.get('name')!r} (#{person.get('id')}) to Pipedrive"
    return person
