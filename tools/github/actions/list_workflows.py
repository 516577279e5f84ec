from mcp_gateway.catalog import props, within

from ..app import app, full_name_of, list_page, plural, repo_path


def _workflow(workflow):
    return {
        "id": workflow.get("id"),
        "name": workflow.get("name"),
        "path": workflow.get("path"),
        "state": workflow.get("state"),
        "html_url": workflow.get("html_url"),
        "badge_url": workflow.get("badge_url"),
        "updated_at": workflow.get("updated_at"),
    }


@app.action(
    "list-workflows",
    title="List Workflows",
    description=(
        "List the GitHub Actions workflows of a repository (the files in `.github/workflows/`) with their IDs "
        "and whether they are active. Use an ID with List Workflow Runs or Trigger Workflow. Returns "
        "`total_count`, `workflows` and `next_cursor`."
    ),
    props={
        "repoFullname": app.definition("repoFullname"),
        "limit": props.limit("workflows"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("workflows", _workflow),
)
async def list_workflows(ctx):
    workflows, next_cursor, last = await list_page(ctx, f"{repo_path(ctx.props.repoFullname)}/actions/workflows", key="workflows")
    ctx.summary = f"Listed {plural(len(workflows), 'workflow')} of {full_name_of(ctx.props.repoFullname)}"
    return {"total_count": (last or {}).get("total_count"), "workflows": workflows, "next_cursor": next_cursor}
