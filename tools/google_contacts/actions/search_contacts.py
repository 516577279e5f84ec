from mcp_gateway.catalog import ActionError, each, props

from ..app import MAX_SEARCH, PERSON_FIELDS, api, app, person_summary


@app.action(
    "search-contacts",
    title="Search Contacts",
    description=(
        "Find the user's Google Contacts whose name, nickname, email, phone number or company starts with the words "
        "given, e.g. `ana` or `ana@example.com`; at most 30 matches. Returns each contact's resource name for "
        "google_contacts-get-contact or google_contacts-update-contact. To go through every contact, use "
        "google_contacts-list-contacts."
    ),
    props={
        "query": props.string("Query", "The start of a name, email, phone number or company, e.g. `Silva`."),
        "limit": props.integer("Limit", "How many matches to return (default 10, at most 30).", min=1, max=MAX_SEARCH,
                               optional=True, default=10),
    },
    read_only=True,
    trim=each(person_summary),
)
async def search_contacts(ctx):
    query = str(ctx.props.query).strip()
    if not query:
        raise ActionError("give the start of a name, email or phone number to search for")
    # Google asks for an empty search first, which refreshes its search cache with recent changes.
    await api(ctx, "GET", "/people:searchContacts", params={"query": "", "readMask": "names"})
    answer = await api(ctx, "GET", "/people:searchContacts", params={
        "query": query, "readMask": PERSON_FIELDS, "pageSize": ctx.props.get("limit") or 10})
    people = [r["person"] for r in answer.get("results") or [] if r.get("person")]
    ctx.summary = f"Found {len(people)} contact{'s' if len(people) != 1 else ''} for {query!r}"
    return people
