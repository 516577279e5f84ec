from ..app import api, app, issue_summary, project_path, project_url


@app.action(
    "get-issue",
    title="Get Issue",
    description=(
        "Read one GitLab issue by its number: title, description, state, labels, assignees, milestone, due date "
        "and URL. Use gitlab-list-comments for its discussion, gitlab-list-issues or gitlab-search to find its number."
    ),
    props={
        "project": app.definition("project"),
        "issueIid": app.definition("issueIid"),
    },
    read_only=True,
    trim=issue_summary,
)
async def get_issue(ctx):
    path = f"{project_url(ctx.props.project)}/issues/{ctx.props.issueIid}"
    issue = (await api(ctx, "GET", path)).json()
    ctx.summary = f"Retrieved issue #{issue['iid']} of {project_path(ctx.props.project)}: {issue.get('title')}"
    return issue
