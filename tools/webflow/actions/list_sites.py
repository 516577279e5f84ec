from mcp_gateway.catalog import props, within

from ..app import api, app, offset_of, site_summary


@app.action(
    "list-sites",
    title="List Sites",
    description=(
        "List the Webflow sites this connection may reach, with their IDs, custom domains and when each was last "
        "published. Start here to find the site for webflow-list-collections or webflow-publish-site."
    ),
    props={"limit": props.limit("sites"), "cursor": props.cursor()},
    read_only=True,
    trim=within("sites", site_summary),
)
async def list_sites(ctx):
    # Webflow returns every site at once; the cursor pages through them here.
    sites = (await api(ctx, "GET", "/sites")).get("sites") or []
    start = offset_of(ctx.props.get("cursor"))
    end = start + ctx.props.limit
    page = sites[start:end]
    ctx.summary = f"Listed {len(page)} site{'s' if len(page) != 1 else ''}"
    return {"sites": page, "next_cursor": str(end) if end < len(sites) else None}
