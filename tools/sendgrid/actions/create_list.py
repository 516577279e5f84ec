from mcp_gateway.catalog import props

from ..app import app, list_summary, request


@app.action(
    "create-list",
    title="Create Contact List",
    description=(
        "Create a marketing contact list. Returns its ID, to add contacts to with sendgrid-add-or-update-contact. "
        "To find an existing list, use sendgrid-list-lists instead."
    ),
    props={"name": props.string("Name", "The list's name, unique in the account, e.g. `Newsletter subscribers`.")},
    trim=list_summary,
)
async def create_list(ctx):
    created = await request(ctx, "POST", "/marketing/lists", body={"name": ctx.props.name}) or {}
    ctx.summary = f"Created contact list {created.get('name')!r} ({created.get('id')})"
    return created
