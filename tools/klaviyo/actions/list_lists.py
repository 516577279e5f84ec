from mcp_gateway.catalog import props, within

from ..app import app, collect, equals, list_summary


@app.action(
    "list-lists",
    title="List Lists",
    description=(
        "List the Klaviyo account's lists (audiences people subscribe to), with their IDs and names, optionally only "
        "the one with an exact name. Use an ID with klaviyo-add-profiles-to-list."
    ),
    props={
        "name": props.string("Name", "Only the list with exactly this name, e.g. `Newsletter`.", optional=True),
        "limit": props.limit("lists"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("lists", list_summary),
)
async def list_lists(ctx):
    params = {"filter": equals("name", ctx.props.name)} if ctx.props.get("name") else None
    lists, token = await collect(ctx, "/lists", limit=ctx.props.limit, cursor=ctx.props.get("cursor"), params=params)
    ctx.summary = f"Listed {len(lists)} list{'s' if len(lists) != 1 else ''}"
    return {"lists": lists, "next_cursor": token}
