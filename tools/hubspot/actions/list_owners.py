from mcp_gateway.catalog import props, within

from ..app import app, next_after, owner_summary, plural, request


@app.action(
    "list-owners",
    title="List Owners",
    description=(
        "List the HubSpot users who can own records, with their owner IDs (for a record's `hubspot_owner_id`), "
        "names, emails and teams. Give an email to find one person; to read one owner by ID use Get Owner. Returns "
        "a page of owners and a cursor for more."
    ),
    props={
        "email": props.string("Email", "Only the owner with this email address, e.g. `sam@example.com`.", optional=True),
        "limit": props.limit("owners", maximum=100),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("owners", owner_summary),
)
async def list_owners(ctx):
    params = {"limit": ctx.props.limit, "archived": "false"}
    if ctx.props.get("email"):
        params["email"] = ctx.props.email
    if ctx.props.get("cursor"):
        params["after"] = ctx.props.cursor
    data = await request(ctx, "GET", "/crm/v3/owners", params=params)
    owners = data.get("results") or []
    ctx.summary = f"Found {plural(len(owners), 'owner')}"
    return {"owners": owners, "next_cursor": next_after(data)}
