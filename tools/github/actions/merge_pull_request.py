from mcp_gateway.catalog import props

from ..app import app, full_name_of, repo_path, request


def _merged(result):
    return {"merged": result.get("merged"), "sha": result.get("sha"), "message": result.get("message")}


@app.action(
    "merge-pull-request",
    title="Merge Pull Request",
    description=(
        "Merge an open pull request into its base branch, as a merge commit, a squash or a rebase. Check it "
        "first with Get Pull Request (`mergeable`); to close it without merging use Update Pull Request. GitHub "
        "refuses with 405 when it cannot be merged (conflicts, failing required checks or reviews) and with 409 "
        "when `sha` no longer matches the head. Returns `merged`, the merge commit's `sha` and GitHub's message."
    ),
    props={
        "repoFullname": app.definition("repoFullname"),
        "pullNumber": app.definition("pullNumber"),
        "mergeMethod": props.string(
            "Merge Method", "`merge` (a merge commit, the default), `squash` (one commit) or `rebase`. The "
            "repository's settings may allow only some of them.",
            options=["merge", "squash", "rebase"], optional=True,
        ),
        "commitTitle": props.string("Commit Title", "The title of the merge or squash commit. Leave empty for GitHub's default.", optional=True),
        "commitMessage": props.string("Commit Message", "Extra detail appended to the commit message.", optional=True),
        "sha": props.string(
            "Expected Head SHA",
            "Merge only if the head branch is still at this commit (the `head_sha` Get Pull Request returns), so "
            "commits pushed meanwhile are not merged unseen.",
            optional=True,
        ),
    },
    trim=_merged,
)
async def merge_pull_request(ctx):
    body = {field: ctx.props[name] for name, field in (
        ("commitTitle", "commit_title"), ("commitMessage", "commit_message"), ("sha", "sha"), ("mergeMethod", "merge_method"),
    ) if ctx.props.get(name)}
    path = f"{repo_path(ctx.props.repoFullname)}/pulls/{ctx.props.pullNumber}/merge"
    result = (await request(ctx, "PUT", path, json=body)).json()
    ctx.summary = f"Merged pull request #{ctx.props.pullNumber} in {full_name_of(ctx.props.repoFullname)} (commit {(result.get('sha') or '')[:7]})"
    return result
