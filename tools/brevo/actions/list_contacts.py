from mcp_gateway.catalog import props, within

from ..app import app, contact_summary, page


@app.action(
    "list-contacts",
    title="List Contacts",
    description=(
        "List Brevo contacts, newest first, optionally only those in some lists or changed or created since a time. "
        "For one contact by email, brevo-get-contact is quicker."
    ),
    props={
        "listIds": app.definition("listIds", description="Only contacts in these lists (IDs from brevo-list-contact-lists)."),
        "modifiedSince": props.string("Changed Since", "Only contacts changed after this ISO 8601 time, e.g. "
                                      "`2026-12-01T00:00:00Z`.", optional=True),
        "createdSince": props.string("Created Since", "Only contacts created after this ISO 8601 time.", optional=True),
        "limit": props.limit("contacts"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("contacts", contact_summary),
)
async def list_contacts(ctx):
    params = {"sort": "desc"}
    if ctx.props.get("listIds"):
        params["listIds"] = ",".join(str(i) for i in ctx.props.listIds)
    for prop in ("modifiedSince", "createdSince"):
        if ctx.props.get(prop):
            params[prop] = ctx.props[prop]
    found = await page(ctx, "/contacts", "contacts", limit=ctx.props.limit, cursor=ctx.props.get("cursor"), params=params)
    ctx.summary = f"Listed {len(found['contacts'])} of {found['total']} contacts"
    return found
