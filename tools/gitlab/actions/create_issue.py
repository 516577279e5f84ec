from mcp_gateway.catalog import props

from ..app import api, app, date_or_error, issue_summary, project_path, project_url


@app.action(
    "create-issue",
    title="Create Issue",
    description=(
        "Open a new issue in a GitLab project, optionally with labels, assignees and a due date. Returns the new "
        "issue's number (IID), URL and fields. To change an existing issue use gitlab-update-issue; to open a merge "
        "request, gitlab-create-merge-request."
    ),
    props={
        "project": app.definition("project"),
        "title": props.string("Title", "The issue title: one line saying what the issue is about."),
        "description": props.string(
            "Description",
            "The issue description in GitLab Flavored Markdown. Leave empty for an issue with only a title.",
            optional=True,
        ),
        "labels": app.definition("labels"),
        "assigneeIds": app.definition("assigneeIds"),
        "dueDate": props.string("Due Date", "When the issue is due, as YYYY-MM-DD, e.g. `2024-06-30`.", optional=True),
        "confidential": props.boolean(
            "Confidential", "Make the issue visible only to project members with at least Planner role.", optional=True
        ),
    },
    trim=issue_summary,
)
async def create_issue(ctx):
    body = {"title": ctx.props.title}
    if ctx.props.get("description"):
        body["description"] = ctx.props.description
    if ctx.props.get("labels"):
        body["labels"] = ",".join(ctx.props.labels)
    if ctx.props.get("assigneeIds"):
        body["assignee_ids"] = list(ctx.props.assigneeIds)
    if ctx.props.get("dueDate"):
        body["due_date"] = date_or_error(ctx.props.dueDate, "dueDate")
    if ctx.props.get("confidential") is not None:
        body["confidential"] = ctx.props.confidential
    issue = (await api(ctx, "POST", f"{project_url(ctx.props.project)}/issues", json=body)).json()
    ctx.summary = f"Created issue #{issue['iid']} in {project_path(ctx.props.project)}"
    return issue
