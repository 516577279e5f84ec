from mcp_gateway.catalog import props, within

from ..app import app, collect, list_summary, plural

# SendGrid returns at most 1,000 lists a page.
_PAGE_MAX = 1000


@app.action(
    "list-lists",
    title="List Contact Lists",
    description=(
        "List the account's marketing contact lists with their IDs, names and contact counts, and a `next_cursor` "
        "when more exist. Use an ID as `listIds` in sendgrid-add-or-update-contact; to make a new list, use "
        "sendgrid-create-list."
    ),
    props={"limit": props.limit("lists"), "cursor": props.cursor()},
    read_only=True,
    trim=within("lists", list_summary),
)
async def list_lists(ctx):
    lists, following = await collect(ctx, "/marketing/lists", limit=ctx.props.limit, cursor=ctx.props.get("cursor"), page_max=_PAGE_MAX)
    ctx.summary = f"Listed {plural(len(lists), 'contact list')}" + (" (more available)" if following else "")
    return {"lists": lists, "next_cursor": following}
