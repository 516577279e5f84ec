from mcp_gateway.catalog import ActionError, UpstreamError, props

from ..app import api, app, merge_request_summary, project_path, project_url

# What GitLab's status codes on `.../merge` mean, and what to do about each.
_REFUSALS = {
    405: "it cannot be merged as it stands (a draft, closed, blocked by discussions or approvals, or a pipeline must pass); "
    "read its merge_status with gitlab-get-merge-request",
    406: "the branch cannot be merged, usually because of conflicts; resolve them on the source branch and retry",
    409: "the source branch moved: `sha` no longer matches its head; read the new sha with gitlab-get-merge-request",
    422: "GitLab could not merge it; read its merge_status with gitlab-get-merge-request",
}


@app.action(
    "merge-merge-request",
    title="Merge Merge Request",
    description=(
        "Merge an open GitLab merge request into its target branch, optionally squashing its commits and deleting the "
        "source branch, or set it to merge on its own once its pipeline passes. Check it first with "
        "gitlab-get-merge-request (its merge_status must be `mergeable`); to approve without merging use "
        "gitlab-approve-merge-request. Returns the merged merge request."
    ),
    props={
        "project": app.definition("project"),
        "mergeRequestIid": app.definition("mergeRequestIid"),
        "squash": props.boolean("Squash", "Squash the commits into one when merging.", optional=True),
        "squashCommitMessage": props.string("Squash Commit Message", "The message of the squashed commit.", optional=True),
        "mergeCommitMessage": props.string("Merge Commit Message", "The message of the merge commit.", optional=True),
        "shouldRemoveSourceBranch": props.boolean(
            "Delete Source Branch", "Delete the source branch after the merge.", optional=True
        ),
        "mergeWhenPipelineSucceeds": props.boolean(
            "Merge When Pipeline Succeeds",
            "Do not merge now: set the merge request to merge by itself once its pipeline succeeds.",
            optional=True,
        ),
        "sha": props.string(
            "Expected Head SHA",
            "Merge only if the source branch's head is still this commit (the `sha` from gitlab-get-merge-request).",
            optional=True,
        ),
    },
    trim=merge_request_summary,
)
async def merge_merge_request(ctx):
    body = {}
    for name, field in (
        ("squash", "squash"),
        ("squashCommitMessage", "squash_commit_message"),
        ("mergeCommitMessage", "merge_commit_message"),
        ("shouldRemoveSourceBranch", "should_remove_source_branch"),
        ("mergeWhenPipelineSucceeds", "merge_when_pipeline_succeeds"),
        ("sha", "sha"),
    ):
        if ctx.props.get(name) not in (None, ""):
            body[field] = ctx.props[name]
    iid = ctx.props.mergeRequestIid
    path = f"{project_url(ctx.props.project)}/merge_requests/{iid}/merge"
    try:
        mr = (await api(ctx, "PUT", path, json=body)).json()
    except UpstreamError as exc:
        if exc.status in _REFUSALS:
            raise ActionError(f"GitLab did not merge !{iid}: {_REFUSALS[exc.status]}") from None
        raise
    done = "Merged" if mr.get("state") == "merged" else "Set to merge when the pipeline succeeds:"
    ctx.summary = f"{done} !{mr.get('iid', iid)} in {project_path(ctx.props.project)}"
    return mr
