from mcp_gateway.catalog import props

from ..app import app, jira


@app.action(
    "list-projects",
    title="List Projects",
    description=(
        "List the Jira projects the user can see, optionally matching a name or key, with each project's key, "
        "name, type and ID."
    ),
    props={
        "site": app.definition("site"),
        "query": props.string("Search", "Only projects whose name or key contains this text.", optional=True),
        "maxResults": props.integer("Max Results", "The most projects to return (1 to 100).", min=1, max=100, default=50),
        "startAt": props.integer("Start At", "How many projects to skip, for paging (0 for the first page).", min=0, default=0),
    },
    read_only=True,
)
async def list_projects(ctx):
    params = {"startAt": ctx.props.startAt, "maxResults": ctx.props.maxResults, "orderBy": "name"}
    if ctx.props.get("query"):
        params["query"] = ctx.props.query
    data = (await jira(ctx, "GET", "/project/search", params=params)).json()
    projects = [
        {
            "key": p.get("key"),
            "name": p.get("name"),
            "id": p.get("id"),
            "type": p.get("projectTypeKey"),
            "team_managed": p.get("simplified"),
        }
        for p in data.get("values") or []
    ]
    ctx.summary = f"Listed {len(projects)} of {data.get('total', len(projects))} Jira projects"
    return {"projects": projects, "total": data.get("total"), "is_last": data.get("isLast", True)}
