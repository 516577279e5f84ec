from mcp_gateway.catalog import props, within

from ..app import app, branch_summary, collect, project_path, project_url


@app.action(
    "list-branches",
    title="List Branches",
    description=(
        "List a GitLab project's repository branches, in name order, optionally only those whose name contains some "
        "text. Returns each branch's name, whether it is the default or protected, and its latest commit. To make "
        "a branch use gitlab-create-branch."
    ),
    props={
        "project": app.definition("project"),
        "search": props.string(
            "Search", "Only branches whose name contains this text; `^fix` and `fix$` match the start or end.", optional=True
        ),
        "limit": props.limit("branches"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("branches", branch_summary),
)
async def list_branches(ctx):
    params = {"search": ctx.props.search} if ctx.props.get("search") else None
    branches, next_cursor = await collect(ctx, f"{project_url(ctx.props.project)}/repository/branches", params=params)
    ctx.summary = f"Listed {len(branches)} branch{'es' if len(branches) != 1 else ''} of {project_path(ctx.props.project)}"
    return {"branches": branches, "next_cursor": next_cursor}
