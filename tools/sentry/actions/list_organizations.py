from mcp_gateway.catalog import props, within

from ..app import app, collect, organization_summary


@app.action(
    "list-organizations",
    title="List Organizations",
    description=(
        "List the Sentry organizations the token can reach, with their slugs: the `organization` every other Sentry "
        "action needs. Optionally only those whose name or slug contains some text."
    ),
    props={
        "query": props.string("Search", "Only organizations whose name or slug contains this text.", optional=True),
        "limit": props.limit("organizations"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("organizations", organization_summary),
)
async def list_organizations(ctx):
    params = {"query": ctx.props.query} if ctx.props.get("query") else {}
    organizations, cursor = await collect(ctx, "/organizations/", limit=ctx.props.limit, cursor=ctx.props.get("cursor"),
                                          params=params)
    ctx.summary = f"Listed {len(organizations)} organization{'s' if len(organizations) != 1 else ''}"
    return {"organizations": organizations, "next_cursor": cursor}
