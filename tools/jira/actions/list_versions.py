from mcp_gateway.catalog import props, within

from ..app import app, start_at_page, version_summary


@app.action(
    "list-versions",
    title="List Versions",
    description=(
        "List the versions (releases) of a Jira project, newest release date first, with each one's ID, name, "
        "dates and whether it is released, archived or overdue. Filter by status or part of the name. Returns "
        "`versions` and a `next_cursor` when more exist."
    ),
    props={
        "site": app.definition("site"),
        "projectKey": app.definition("projectKey"),
        "query": props.string("Name Contains", "Only versions whose name or description contains this, e.g. `2.4`.", optional=True),
        "status": props.string(
            "Status", "Only versions that are `released`, `unreleased` or `archived`.",
            options=["released", "unreleased", "archived"], optional=True,
        ),
        "limit": props.limit("versions"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("versions", version_summary),
)
async def list_versions(ctx):
    key = str(ctx.props.projectKey).strip().upper()
    params = {"orderBy": "-releaseDate"}
    for name in ("query", "status"):
        if ctx.props.get(name):
            params[name] = ctx.props[name]
    versions, next_cursor = await start_at_page(ctx, f"/project/{key}/version", "values", params)
    ctx.summary = f"Listed {len(versions)} versions of Jira project {key}" + (" (more available)" if next_cursor else "")
    return {"versions": versions, "next_cursor": next_cursor}
