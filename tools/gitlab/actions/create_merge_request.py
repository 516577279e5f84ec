from mcp_gateway.catalog import props

from ..app import api, app, merge_request_summary, project_path, project_url


@app.action(
    "create-merge-request",
    title="Create Merge Request",
    description=(
        "Open a merge request in a GitLab project from a source branch into a target branch (the project's default "
        "branch unless given). Returns the new merge request's number (IID), URL and fields. The source branch must "
        "exist: make one with gitlab-create-branch and commit to it with gitlab-upload-file. To merge it afterwards, "
        "use gitlab-merge-merge-request."
    ),
    props={
        "project": app.definition("project"),
        "sourceBranch": app.definition(
            "branch", label="Source Branch", description="The branch with the changes, e.g. `feature/login`; it must exist."
        ),
        "targetBranch": app.definition(
            "branch",
            label="Target Branch",
            description="The branch to merge into, e.g. `main`. Leave empty for the project's default branch.",
            optional=True,
        ),
        "title": props.string("Title", "The merge request title, e.g. `Add login form`."),
        "description": props.string(
            "Description", "The merge request description in GitLab Flavored Markdown.", optional=True
        ),
        "draft": props.boolean("Draft", "Open it as a draft, which cannot be merged until marked ready.", default=False),
        "labels": app.definition("labels"),
        "assigneeIds": app.definition("assigneeIds"),
        "reviewerIds": app.definition(
            "assigneeIds",
            label="Reviewers",
            description="Numeric user IDs of project members to ask for review, e.g. `[12345]`.",
        ),
        "removeSourceBranch": props.boolean(
            "Delete Source Branch", "Delete the source branch once the merge request is merged.", optional=True
        ),
    },
    trim=merge_request_summary,
)
async def create_merge_request(ctx):
    project = project_url(ctx.props.project)
    target = ctx.props.get("targetBranch")
    if not target:
        target = (await api(ctx, "GET", project)).json().get("default_branch")
    title = ctx.props.title
    if ctx.props.draft and not title.lower().startswith("draft:"):
        title = f"Draft: {title}"
    body = {"source_branch": ctx.props.sourceBranch, "target_branch": target, "title": title}
    if ctx.props.get("description"):
        body["description"] = ctx.props.description
    if ctx.props.get("labels"):
        body["labels"] = ",".join(ctx.props.labels)
    if ctx.props.get("assigneeIds"):
        body["assignee_ids"] = list(ctx.props.assigneeIds)
    if ctx.props.get("reviewerIds"):
        body["reviewer_ids"] = list(ctx.props.reviewerIds)
    if ctx.props.get("removeSourceBranch") is not None:
        body["remove_source_branch"] = ctx.props.removeSourceBranch
    mr = (await api(ctx, "POST", f"{project}/merge_requests", json=body)).json()
    ctx.summary = (
        f"Opened merge request !{mr['iid']} in {project_path(ctx.props.project)}: "
        f"{mr.get('source_branch')} → {mr.get('target_branch')}"
    )
    return mr
