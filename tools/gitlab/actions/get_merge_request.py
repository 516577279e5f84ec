from ..app import api, app, merge_request_summary, project_path, project_url


@app.action(
    "get-merge-request",
    title="Get Merge Request",
    description=(
        "Read one GitLab merge request by its number: title, description, state, branches, author, reviewers, "
        "labels, merge status (`mergeable`, `conflict`, `ci_must_pass`...) and URL. Use gitlab-list-comments for its "
        "discussion, gitlab-merge-merge-request to merge it, gitlab-list-merge-requests to find its number."
    ),
    props={
        "project": app.definition("project"),
        "mergeRequestIid": app.definition("mergeRequestIid"),
    },
    read_only=True,
    trim=merge_request_summary,
)
async def get_merge_request(ctx):
    path = f"{project_url(ctx.props.project)}/merge_requests/{ctx.props.mergeRequestIid}"
    mr = (await api(ctx, "GET", path)).json()
    ctx.summary = f"Retrieved merge request !{mr['iid']} of {project_path(ctx.props.project)}: {mr.get('title')}"
    return mr
