from mcp_gateway.catalog import ActionError, props

from ..app import app, call, gid, section_summary


@app.action(
    "create-section",
    title="Create Section",
    description=(
        "Add a section (a board column or list heading) to an Asana project, at the end or before or after "
        "another section. Returns the new section's gid. asana-list-sections lists the existing ones."
    ),
    props={
        "workspace": app.definition(
            "workspace", optional=True, description="The project's workspace. Only used to offer choices for the project."
        ),
        "project": app.definition("project", description="The gid of the project, from asana-list-projects or the choices."),
        "name": props.string("Name", "The section's name, e.g. `In Review`."),
        "insertBefore": app.definition(
            "section", label="Insert Before", description="Put the new section just before this section of the project (its gid)."
        ),
        "insertAfter": app.definition(
            "section", label="Insert After", description="Put the new section just after this section of the project (its gid)."
        ),
    },
    trim=section_summary,
)
async def create_section(ctx):
    if ctx.props.get("insertBefore") and ctx.props.get("insertAfter"):
        raise ActionError("give either insertBefore or insertAfter, not both")
    data = {"name": ctx.props.name}
    if ctx.props.get("insertBefore"):
        data["insert_before"] = gid(ctx.props.insertBefore, "insertBefore")
    if ctx.props.get("insertAfter"):
        data["insert_after"] = gid(ctx.props.insertAfter, "insertAfter")
    section = await call(
        ctx, "POST", f"/projects/{gid(ctx.props.project, 'project')}/sections", data=data,
        params={"opt_fields": "name,project.name,created_at"},
    )
    ctx.summary = f"Created section {section.get('name')!r}"
    return section
