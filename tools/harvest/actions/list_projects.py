from mcp_gateway.catalog import props, within

from ..app import app, collect


def _project(project):
    client = project.get("client") or {}
    return {"id": project.get("id"), "name": project.get("name"), "code": project.get("code"),
            "client": {"id": client.get("id"), "name": client.get("name")} if client else None,
            "is_active": project.get("is_active"), "is_billable": project.get("is_billable"),
            "bill_by": project.get("bill_by"), "budget": project.get("budget"), "starts_on": project.get("starts_on"),
            "ends_on": project.get("ends_on"), "notes": project.get("notes")}


@app.action(
    "list-projects",
    title="List Projects",
    description=(
        "List all the account's projects with their clients, billing and budget, optionally only active ones or one "
        "client's. Needs an administrator or manager; for the projects and tasks the user can log time to use "
        "harvest-list-project-assignments."
    ),
    props={
        "isActive": props.boolean("Active", "true: only active projects; false: only archived ones.", optional=True),
        "clientId": props.integer("Client ID", "Only this client's projects.", min=1, optional=True),
        "limit": props.limit("projects"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("projects", _project),
)
async def list_projects(ctx):
    params = {"client_id": ctx.props.clientId} if ctx.props.get("clientId") else {}
    if ctx.props.get("isActive") is not None:
        params["is_active"] = str(bool(ctx.props.isActive)).lower()
    projects, total, following = await collect(ctx, "/projects", "projects", limit=ctx.props.limit,
                                               cursor=ctx.props.get("cursor"), params=params)
    ctx.summary = f"Listed {len(projects)} of {total} projects"
    return {"projects": projects, "total": total, "next_cursor": following}
