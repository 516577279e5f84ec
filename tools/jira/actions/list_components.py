from mcp_gateway.catalog import each

from ..app import app, component_summary, jira


@app.action(
    "list-components",
    title="List Components",
    description=(
        "List the components of a Jira project (the parts of a product issues are filed under), with each one's "
        "ID, name, description and lead. Put a component on an issue with jira-update-issue or jira-create-issue "
        "through the component's name."
    ),
    props={"site": app.definition("site"), "projectKey": app.definition("projectKey")},
    read_only=True,
    trim=each(component_summary),
)
async def list_components(ctx):
    key = str(ctx.props.projectKey).strip().upper()
    components = (await jira(ctx, "GET", f"/project/{key}/components")).json()
    ctx.summary = f"Jira project {key} has {len(components)} components"
    return components
