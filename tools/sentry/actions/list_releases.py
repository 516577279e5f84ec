from mcp_gateway.catalog import props, within

from ..app import app, collect, org_path, release_summary


@app.action(
    "list-releases",
    title="List Releases",
    description=(
        "List the releases of a Sentry organization, newest first, with their versions, dates, new issue counts and "
        "last deploy, optionally of some projects or matching a version prefix. For one release, sentry-get-release."
    ),
    props={
        "organization": app.definition("organization"),
        "query": props.string("Version Search", "Only releases whose version starts with this, e.g. `backend@1.4`.", optional=True),
        "projects": props.string_list(
            "Project IDs", "Only releases of these projects, by numeric ID (the `id` from sentry-list-projects).", optional=True,
        ),
        "limit": props.limit("releases"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("releases", release_summary),
)
async def list_releases(ctx):
    params = {"query": ctx.props.query} if ctx.props.get("query") else {}
    if ctx.props.get("projects"):
        params["project"] = list(ctx.props.projects)
    releases, cursor = await collect(ctx, org_path(ctx.props.organization, "releases/"), limit=ctx.props.limit,
                                     cursor=ctx.props.get("cursor"), params=params)
    ctx.summary = f"Listed {len(releases)} release{'s' if len(releases) != 1 else ''} of {ctx.props.organization}"
    return {"releases": releases, "next_cursor": cursor}
