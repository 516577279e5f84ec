from mcp_gateway.catalog import props

from ..app import app, owner_options, owner_summary, record_id, request


@app.action(
    "get-owner",
    title="Get Owner",
    description=(
        "Get one HubSpot owner (a user who can own records) by owner ID, e.g. the `hubspot_owner_id` of a contact "
        "or deal, or by user ID: their name, email and teams. To find an owner by email or list them all use List "
        "Owners."
    ),
    props={
        "ownerId": props.string(
            "Owner ID",
            "The owner's ID, e.g. `41629779` (a record's `hubspot_owner_id`). The choices list the account's owners.",
            options=owner_options,
        ),
        "idProperty": props.string(
            "ID Kind", "`id` (the default) for an owner ID, or `userId` for a HubSpot user ID.",
            options=["id", "userId"], optional=True,
        ),
    },
    read_only=True,
    trim=owner_summary,
)
async def get_owner(ctx):
    params = {"idProperty": ctx.props.get("idProperty") or "id", "archived": "false"}
    owner = await request(ctx, "GET", f"/crm/v3/owners/{record_id(ctx.props.ownerId, 'owner')}", params=params)
    name = " ".join(p for p in (owner.get("firstName"), owner.get("lastName")) if p) or owner.get("email")
    ctx.summary = f"Got owner {owner.get('id')} ({name})"
    return owner
