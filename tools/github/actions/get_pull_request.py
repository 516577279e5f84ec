from ..app import app, full_name_of, get_json, pull_summary, repo_path


@app.action(
    "get-pull-request",
    title="Get Pull Request",
    description=(
        "Read one pull request: title, body, state, head and base branches, whether it is merged or mergeable, "
        "and its commit, comment and changed-line counts. For the changed files use List Pull Request Files; "
        "for reviews List Pull Request Reviews; to find pull requests use List Pull Requests."
    ),
    props={
        "repoFullname": app.definition("repoFullname"),
        "pullNumber": app.definition("pullNumber"),
    },
    read_only=True,
    trim=pull_summary,
)
async def get_pull_request(ctx):
    pull = await get_json(ctx, f"{repo_path(ctx.props.repoFullname)}/pulls/{ctx.props.pullNumber}")
    ctx.summary = f"Retrieved pull request #{pull['number']} of {full_name_of(ctx.props.repoFullname)}: {pull.get('title')}"
    return pull
