from mcp_gateway.catalog import props, within

from ..app import app, page, site_summary


@app.action(
    "list-sites",
    title="List Sites",
    description=(
        "List the Netlify sites the user can reach, with their IDs, URLs, repository and current published deploy, "
        "optionally those whose name contains some text. A site's `id` is what every other Netlify action takes."
    ),
    props={
        "name": props.string("Name", "Only sites whose name contains this text, e.g. `blog`.", optional=True),
        "filter": props.string(
            "Owner", "`all` (the default), `owner` (sites of the user's own teams) or `guest` (sites shared with them).",
            options=["all", "owner", "guest"], optional=True,
        ),
        "limit": props.limit("sites"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("sites", site_summary),
)
async def list_sites(ctx):
    params = {"filter": ctx.props.get("filter") or "all"}
    if ctx.props.get("name"):
        params["name"] = ctx.props.name
    sites, cursor = await page(ctx, "/sites", limit=ctx.props.limit, cursor=ctx.props.get("cursor"), params=params)
    ctx.summary = f"Listed {len(sites)} site{'s' if len(sites) != 1 else ''}"
    return {"sites": sites, "next_cursor": cursor}
