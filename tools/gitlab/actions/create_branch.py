from mcp_gateway.catalog import props

from ..app import api, app, branch_summary, project_path, project_url


@app.action(
    "create-branch",
    title="Create Branch",
    description=(
        "Create a branch in a GitLab project from an existing branch, tag or commit. Commit to it with "
        "gitlab-upload-file, then open a merge request with gitlab-create-merge-request. To see existing branches, "
        "use gitlab-list-branches. Returns the new branch and its commit."
    ),
    props={
        "project": app.definition("project"),
        "branch": props.string("New Branch", "The name of the branch to create, e.g. `feature/login`."),
        "ref": app.definition(
            "branch", label="From",
            description="The branch, tag or commit SHA to start the new branch from, e.g. `main`.",
        ),
    },
    trim=branch_summary,
)
async def create_branch(ctx):
    path = f"{project_url(ctx.props.project)}/repository/branches"
    branch = (await api(ctx, "POST", path, params={"branch": ctx.props.branch, "ref": ctx.props.ref})).json()
    ctx.summary = f"Created branch {branch.get('name')} from {ctx.props.ref} in {project_path(ctx.props.project)}"
    return branch
