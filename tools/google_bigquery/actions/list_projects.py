from mcp_gateway.catalog import props, within

from ..app import app, collect, project_summary


@app.action(
    "list-projects",
    title="List Projects",
    description=(
        "List the Google Cloud projects the connected account can use in BigQuery, with their IDs. Start here to "
        "find the `projectId` the other BigQuery actions need; then google_bigquery-list-datasets."
    ),
    props={"limit": props.limit("projects"), "cursor": props.cursor()},
    read_only=True,
    trim=within("projects", project_summary),
)
async def list_projects(ctx):
    projects, token = await collect(ctx, "/projects", "projects", limit=ctx.props.limit, cursor=ctx.props.get("cursor"))
    ctx.summary = f"Listed {len(projects)} project{'s' if len(projects) != 1 else ''}"
    return {"projects": projects, "next_cursor": token}
