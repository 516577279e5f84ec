from mcp_gateway.catalog import props, within

from ..app import api, app, offset

# Pages of a fixed size, so the offset in a cursor maps to a page whatever the limit.
PAGE_SIZE = 100


def _project(project):
    return {"id": project.get("id"), "name": project.get("name"), "workspace_id": project.get("workspace_id"),
            "client_id": project.get("client_id"), "active": project.get("active"), "billable": project.get("billable"),
            "is_private": project.get("is_private"), "color": project.get("color")}


@app.action(
    "list-projects",
    title="List Projects",
    description=(
        "List a workspace's projects with their IDs, clients and state, optionally only active ones or names "
        "containing some text: the project IDs toggl-start-time-entry and toggl-create-time-entry take."
    ),
    props={
        "workspaceId": app.definition("workspaceId"),
        "active": props.boolean("Active", "true: only active projects; false: only archived ones.", optional=True),
        "name": props.string("Name", "Only projects whose name contains this text.", optional=True),
        "limit": props.limit("projects"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("projects", _project),
)
async def list_projects(ctx):
    params = {"name": ctx.props.name} if ctx.props.get("name") else {}
    if ctx.props.get("active") is not None:
        params["active"] = str(bool(ctx.props.active)).lower()
    start = offset(ctx.props.get("cursor"))
    page_number, skip, projects, more = start // PAGE_SIZE + 1, start % PAGE_SIZE, [], False
    while len(projects) < ctx.props.limit:
        batch = await api(ctx, "GET", f"/workspaces/{ctx.props.workspaceId}/projects",
                          params={**params, "page": page_number, "per_page": PAGE_SIZE}) or []
        projects.extend(batch[skip:])
        skip = 0
        more = len(batch) == PAGE_SIZE
        if not more:
            break
        page_number += 1
    more = more or len(projects) > ctx.props.limit
    projects = projects[:ctx.props.limit]
    ctx.summary = f"Listed {len(projects)} project{'s' if len(projects) != 1 else ''}"
    return {"projects": projects, "next_cursor": str(start + len(projects)) if more and projects else None}
