from mcp_gateway.catalog import props, within

from ..app import app, page


def _list(item):
    return {k: item.get(k) for k in ("id", "name", "uniqueSubscribers", "totalSubscribers", "totalBlacklisted", "folderId")}


@app.action(
    "list-contact-lists",
    title="List Contact Lists",
    description=(
        "List the account's contact lists with their IDs and sizes, newest first: the `listIds` that "
        "brevo-create-contact, brevo-update-contact and brevo-list-contacts take."
    ),
    props={"limit": props.limit("lists", maximum=50), "cursor": props.cursor()},
    read_only=True,
    trim=within("lists", _list),
)
async def list_contact_lists(ctx):
    found = await page(ctx, "/contacts/lists", "lists", limit=ctx.props.limit, cursor=ctx.props.get("cursor"),
                       params={"sort": "desc"})
    ctx.summary = f"Listed {len(found['lists'])} of {found['total']} lists"
    return found
