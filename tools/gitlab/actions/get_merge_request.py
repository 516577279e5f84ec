from ..app import api, app, merge_request_summary, project_path, project_url


@app.action(
    "get-merge-request",
    title="Get Merge Request",
    description=(
        "Read one GitLab merge request by its number: title, description, state, branches, author, reviewers, "
        "labels, merge status and URL."
    ),
    props={
        "project": app.definition("project"),
        "mergeRequestIid": app.definition("mergeRequestIid"),
    },
    read_only=True,
)
async def get_merge_request(ctx):
    path = f"{project_url(ctx.props.project)}/merge_requests/{ctx.props.mergeRequestIid}"
    mr = (await api(ctx, "GET", path)).json()
    ctx.summary = f"Retrieved merge request !{mr['iid']} of {project_path(ctx.props.project)}: {mr.get('title')}"
    return merge_request_summary(mr)
