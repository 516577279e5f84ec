from mcp_gateway.catalog import ActionError, props, within

from ..app import app, collect, person_hit_summary, search_items


@app.action(
    "search-persons",
    title="Search Persons",
    description=(
        "Find people (contacts) in Pipedrive by name, email address or phone number, optionally within one "
        "organization. Returns each person's ID, emails, phones and organization, the IDs deals, activities and notes "
        "link to. If nobody matches, add them with pipedrive-create-person."
    ),
    props={
        "term": props.string("Search Term", "A name, email or phone to look for, at least 2 characters, e.g. `ada@example.com`."),
        "fields": props.string_list(
            "Search In", "Only these fields: `name`, `email`, `phone`, `notes`, `custom_fields`. Empty: all of them.",
            options=["name", "email", "phone", "notes", "custom_fields"], optional=True),
        "exactMatch": props.boolean("Exact Match", "Match the whole term exactly, not as part of a word.", optional=True),
        "orgId": app.definition("orgId", description="Only people of this organization (its ID)."),
        "limit": props.limit("people"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("persons", person_hit_summary),
)
async def search_persons(ctx):
    term = str(ctx.props.term).strip()
    if len(term) < 2 and not ctx.props.get("exactMatch"):
        raise ActionError("the search term needs at least 2 characters (1 with exactMatch)")
    params = {"term": term}
    if ctx.props.get("fields"):
        params["fields"] = ",".join(ctx.props.fields)
    if ctx.props.get("exactMatch"):
        params["exact_match"] = "true"
    if ctx.props.get("orgId"):
        params["organization_id"] = ctx.props.orgId
    persons, token = await collect(ctx, "/v2/persons/search", limit=ctx.props.limit, cursor=ctx.props.get("cursor"),
                                   params=params, unwrap=search_items)
    ctx.summary = f"Found {len(persons)} {'person' if len(persons) == 1 else 'people'} matching {term!r}"
    return {"persons": persons, "next_cursor": token}
