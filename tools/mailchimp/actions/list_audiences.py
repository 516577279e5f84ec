from mcp_gateway.catalog import props, within

from ..app import app, audience_summary, page


@app.action(
    "list-audiences",
    title="List Audiences",
    description=(
        "List the audiences (lists) of the Mailchimp account with their IDs, names and contact counts, newest first. "
        "Use it to find the `listId` other actions take. To find one contact, use mailchimp-search-members."
    ),
    props={
        "email": props.string("Email", "Only audiences this address is a member of.", optional=True),
        "limit": props.limit("audiences"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("lists", audience_summary),
)
async def list_audiences(ctx):
    params = {"sort_field": "date_created", "sort_dir": "DESC"}
    if ctx.props.get("email"):
        params["email"] = ctx.props.email.strip()
    found = await page(ctx, "/lists", "lists", limit=ctx.props.limit, cursor=ctx.props.get("cursor"), params=params)
    ctx.summary = f"Listed {len(found['lists'])} of {found['total']} audiences"
    return found
