from mcp_gateway.catalog import props, within

from ..app import app, collect, gid, section_summary


@app.action(
    "list-sections",
    title="List Sections",
    description=(
        "List the sections of an Asana project (the columns of a board, or the headings of a list) in order, with "
        "their gids. Use a section gid with asana-create-task, asana-add-task-to-project or asana-list-tasks; to "
        "add a section use asana-create-section."
    ),
    props={
        "workspace": app.definition(
            "workspace", optional=True, description="The project's workspace. Only used to offer choices for the project."
        ),
        "project": app.definition("project", description="The gid of the project, from asana-list-projects or the choices."),
        "limit": props.limit("sections"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("sections", section_summary),
)
async def list_sections(ctx):
    sections, following = await collect(
        ctx,
        f"/projects/{gid(ctx.props.project, 'project')}/sections",
        {"opt_fields": "name,project.name,created_at"},
        limit=ctx.props.limit,
        cursor=ctx.props.get("cursor"),
    )
    ctx.summary = f"Listed {len(sections)} section{'s' if len(sections) != 1 else ''}"
    return {"sections": sections, "next_cursor": following}
