from ..app import api, app, pull_request_details, repo_path


@app.action(
    "get-pull-request",
    title="Get Pull Request",
    description=(
        "Read one Bitbucket pull request: title, description, state, branches, reviewers and who approved, and the "
        "merge commit once merged. To merge it, bitbucket-merge-pull-request."
    ),
    props={
        "workspace": app.definition("workspace"),
        "repoSlug": app.definition("repoSlug"),
        "pullRequestId": app.definition("pullRequestId"),
    },
    read_only=True,
    trim=pull_request_details,
)
async def get_pull_request(ctx):
    pr = await api(ctx, "GET", repo_path(ctx.props.workspace, ctx.props.repoSlug, f"pullrequests/{int(ctx.props.pullRequestId)}"))
    ctx.summary = f"Read pull request #{pr.get('id')}: {pr.get('title')} ({pr.get('state')})"
    return pr
