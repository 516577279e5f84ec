from mcp_gateway.catalog import props, within

from ..app import app, collect


def _assignment(assignment):
    project, client = assignment.get("project") or {}, assignment.get("client") or {}
    return {
        "id": assignment.get("id"),
        "is_active": assignment.get("is_active"),
        "project": {"id": project.get("id"), "name": project.get("name"), "code": project.get("code")},
        "client": {"id": client.get("id"), "name": client.get("name")} if client else None,
        "tasks": [{"id": (t.get("task") or {}).get("id"), "name": (t.get("task") or {}).get("name"),
                   "billable": t.get("billable"), "is_active": t.get("is_active")}
                  for t in assignment.get("task_assignments") or []],
    }


@app.action(
    "list-project-assignments",
    title="List My Projects and Tasks",
    description=(
        "List the projects the connected user is assigned to, each with its client and the tasks time can be logged "
        "to: the project and task IDs harvest-create-time-entry needs. Works for every user; for all projects of the "
        "account (administrators and managers) use harvest-list-projects."
    ),
    props={"limit": props.limit("project assignments"), "cursor": props.cursor()},
    read_only=True,
    trim=within("project_assignments", _assignment),
)
async def list_project_assignments(ctx):
    assignments, total, following = await collect(ctx, "/users/me/project_assignments", "project_assignments",
                                                  limit=ctx.props.limit, cursor=ctx.props.get("cursor"))
    ctx.summary = f"Listed {len(assignments)} of {total} project assignments"
    return {"project_assignments": assignments, "total": total, "next_cursor": following}
