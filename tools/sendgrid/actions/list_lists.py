from mcp_gateway.catalog import props

from ..app import app, page_token, request


@app.action(
    "list-lists",
    title="List Contact Lists",
    description="List the account's marketing contact lists with their IDs, names and contact counts.",
    props={
        "pageSize": props.integer("Page Size", "How many lists to return, 1 to 1000.", min=1, max=1000, default=100),
        "pageToken": props.string("Page Token", "The `next_page_token` of an earlier call, for the following page.", optional=True),
    },
    read_only=True,
)
async def list_lists(ctx):
    params = {"page_size": ctx.props.pageSize}
    if ctx.props.get("pageToken"):
        params["page_token"] = ctx.props.pageToken
    data = await request(ctx, "GET", "/marketing/lists", params=params) or {}
    lists = [{"id": i.get("id"), "name": i.get("name"), "contact_count": i.get("contact_count")} for i in data.get("result") or []]
    following = page_token((data.get("_metadata") or {}).get("next"))
    ctx.summary = f"Listed {len(lists)} contact list{'s' if len(lists) != 1 else ''}" + (" (more available)" if following else "")
    return {"lists": lists, "next_page_token": following}
