from mcp_gateway.catalog import props, within

from ..app import app, contact_summary, search


@app.action(
    "search-contacts",
    title="Search Contacts",
    description=(
        "Find Intercom contacts (users and leads) by email, name, external ID, custom attribute or dates, with "
        "Intercom's search query, e.g. {\"field\": \"email\", \"operator\": \"=\", \"value\": \"ada@example.com\"}. "
        "Returns each contact's ID, for the other contact actions. For one contact by ID use intercom-get-contact."
    ),
    props={"query": app.definition("query"), "limit": props.limit("contacts"), "cursor": props.cursor()},
    read_only=True,
    trim=within("contacts", contact_summary),
)
async def search_contacts(ctx):
    contacts, after = await search(ctx, "/contacts/search", "data", query=ctx.props.query, limit=ctx.props.limit,
                                   cursor=ctx.props.get("cursor"))
    ctx.summary = f"Found {len(contacts)} contact{'s' if len(contacts) != 1 else ''}"
    return {"contacts": contacts, "next_cursor": after}
