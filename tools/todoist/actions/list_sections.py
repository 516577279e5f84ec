from mcp_gateway.catalog import props, within

from ..app import app, collect, plural, section_summary


@app.action(
    "list-sections",
    title="List Sections",
    description=(
        "List the sections of a Todoist project (or of all projects), with their IDs, to put a task in one with "
        "todoist-create-task or to list a section's tasks with todoist-list-tasks."
    ),
    props={
        "projectId": app.definition(
            "projectId", optional=True, description="Only this project's sections (its ID, from todoist-list-projects). Leave empty for every project's.",
        ),
        "limit": props.limit("sections"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("sections", section_summary),
)
async def list_sections(ctx):
    params = {"project_id": ctx.props.projectId} if ctx.props.get("projectId") else None
    sections, token = await collect(ctx, "/sections", limit=ctx.props.limit, cursor=ctx.props.get("cursor"), params=params)
    ctx.summary = f"Listed {plural(len(sections), 'section')}"
    return {"sections": sections, "next_cursor": token}
