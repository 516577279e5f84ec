from mcp_gateway.catalog import props

from ..app import api, app, pull_request_details, repo_path


@app.action(
    "merge-pull-request",
    title="Merge Pull Request",
    description=(
        "Merge an open Bitbucket pull request into its destination branch, as a merge commit, squashed, or "
        "fast-forward. The repository's merge checks (approvals, passing builds) must be met. Returns the merged pull "
        "request with its merge commit."
    ),
    props={
        "workspace": app.definition("workspace"),
        "repoSlug": app.definition("repoSlug"),
        "pullRequestId": app.definition("pullRequestId"),
        "mergeStrategy": props.string(
            "Merge Strategy", "`merge_commit` (the default), `squash` or `fast_forward`.",
            options=["merge_commit", "squash", "fast_forward"], optional=True,
        ),
        "message": props.string("Commit Message", "The message of the merge (or squashed) commit.", optional=True),
        "closeSourceBranch": props.boolean(
            "Close Source Branch", "Delete the source branch after merging; by default as set when the pull request was opened.",
            optional=True,
        ),
    },
    trim=pull_request_details,
)
async def merge_pull_request(ctx):
    body = {}
    if ctx.props.get("mergeStrategy"):
        body["merge_strategy"] = ctx.props.mergeStrategy
    if ctx.props.get("message"):
        body["message"] = ctx.props.message
    if ctx.props.get("closeSourceBranch") is not None:
        body["close_source_branch"] = bool(ctx.props.closeSourceBranch)
    pr = await api(ctx, "POST", repo_path(ctx.props.workspace, ctx.props.repoSlug,
                                          f"pullrequests/{int(ctx.props.pullRequestId)}/merge"), json=body or None)
    ctx.summary = f"Merged pull request #{pr.get('id') or ctx.props.pullRequestId}: {pr.get('title')}"
    return pr
