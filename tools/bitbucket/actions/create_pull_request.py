from mcp_gateway.catalog import props

from ..app import api, app, pull_request_details, repo_path


@app.action(
    "create-pull-request",
    title="Create Pull Request",
    description=(
        "Open a pull request in a Bitbucket repository from one branch into another (by default the repository's "
        "main branch). Returns its number for bitbucket-add-pull-request-comment, bitbucket-approve-pull-request and "
        "bitbucket-merge-pull-request."
    ),
    props={
        "workspace": app.definition("workspace"),
        "repoSlug": app.definition("repoSlug"),
        "title": props.string("Title", "The pull request's title."),
        "sourceBranch": app.definition("branch", label="Source Branch", description="The branch with the changes, e.g. `feature/login`."),
        "destinationBranch": app.definition(
            "branch", label="Destination Branch", description="The branch to merge into; by default the repository's "
            "main branch.", optional=True,
        ),
        "description": props.string("Description", "What the change does, in Markdown.", optional=True),
        "closeSourceBranch": props.boolean("Close Source Branch", "Delete the source branch once merged.", optional=True),
    },
    trim=pull_request_details,
)
async def create_pull_request(ctx):
    body = {"title": ctx.props.title, "source": {"branch": {"name": ctx.props.sourceBranch}}}
    if ctx.props.get("destinationBranch"):
        body["destination"] = {"branch": {"name": ctx.props.destinationBranch}}
    if ctx.props.get("description"):
        body["description"] = ctx.props.description
    if ctx.props.get("closeSourceBranch") is not None:
        body["close_source_branch"] = bool(ctx.props.closeSourceBranch)
    pr = await api(ctx, "POST", repo_path(ctx.props.workspace, ctx.props.repoSlug, "pullrequests"), json=body)
    ctx.summary = f"Opened pull request #{pr.get('id')}: {pr.get('title')}"
    return pr
