from mcp_gateway.catalog import props, within

from ..app import app, collect, contact_summary


@app.action(
    "list-contacts",
    title="List Contacts",
    description=(
        "List the Front company's contacts (the customers conversations are with), with their email addresses, "
        "phone numbers and other handles. To add one use frontapp-create-contact."
    ),
    props={
        "sortBy": props.string("Sort By", "`created_at` or `updated_at`.", options=["created_at", "updated_at"],
                               optional=True),
        "sortOrder": props.string("Sort Order", "`desc` or `asc`.", options=["desc", "asc"], optional=True),
        "limit": props.limit("contacts"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("contacts", contact_summary),
)
async def list_contacts(ctx):
    params = {field: ctx.props[name] for name, field in (("sortBy", "sort_by"), ("sortOrder", "sort_order"))
              if ctx.props.get(name)}
    contacts, token = await collect(ctx, "/contacts", limit=ctx.props.limit, cursor=ctx.props.get("cursor"), params=params)
    ctx.summary = f"Listed {len(contacts)} contact{'s' if len(contacts) != 1 else ''}"
    return {"contacts": contacts, "next_cursor": token}
