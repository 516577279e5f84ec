from mcp_gateway.catalog import props

from ..app import app, request


@app.action(
    "create-list",
    title="Create Contact List",
    description="Create a marketing contact list. Returns its ID, to add contacts to with sendgrid-add-or-update-contact.",
    props={"name": props.string("Name", "The list's name, unique in the account, e.g. `Newsletter subscribers`.")},
)
async def create_list(ctx):
    created = await request(ctx, "POST", "/marketing/lists", body={"name": ctx.props.name}) or {}
    ctx.summary = f"Created contact list {created.get('name')!r} ({created.get('id')})"
    return {"id": created.get("id"), "name": created.get("name"), "contact_count": created.get("contact_count", 0)}
