from mcp_gateway.catalog import props, within

from ..app import api, app, offset


def _dashboard(dashboard):
    return {"id": dashboard.get("id"), "title": dashboard.get("title"), "description": dashboard.get("description"),
            "url": dashboard.get("url"), "author_handle": dashboard.get("author_handle"),
            "layout_type": dashboard.get("layout_type"), "modified_at": dashboard.get("modified_at")}


@app.action(
    "list-dashboards",
    title="List Dashboards",
    description=(
        "List the organization's Datadog dashboards with their IDs, titles, authors and links (`url` is the path "
        "after the site's app address), optionally only shared ones."
    ),
    props={
        "sharedOnly": props.boolean("Shared Only", "Only dashboards shared publicly or with a link.", optional=True),
        "limit": props.limit("dashboards"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("dashboards", _dashboard),
)
async def list_dashboards(ctx):
    start = offset(ctx.props.get("cursor"))
    params = {"count": ctx.props.limit, "start": start}
    if ctx.props.get("sharedOnly"):
        params["filter[shared]"] = "true"
    data = await api(ctx, "GET", "/api/v1/dashboard", params=params)
    dashboards = data.get("dashboards") or []
    ctx.summary = f"Listed {len(dashboards)} dashboard{'s' if len(dashboards) != 1 else ''}"
    following = str(start + len(dashboards)) if len(dashboards) == ctx.props.limit else None
    return {"dashboards": dashboards, "next_cursor": following}
