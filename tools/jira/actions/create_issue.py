from mcp_gateway.catalog import props

from ..app import account_id, app, check_date, created_summary, issue_key, issue_type_options, jira, to_adf, with_browse_url


@app.action(
    "create-issue",
    title="Create Issue",
    description=(
        "Create a Jira issue (task, bug, story...) in a project, optionally with a description, assignee, "
        "priority, labels, parent and due date. Returns the new issue's key (e.g. `ENG-42`) and URL. To change an "
        "existing issue use jira-update-issue; jira-list-issue-types lists the types a project has."
    ),
    props={
        "site": app.definition("site"),
        "projectKey": app.definition("projectKey"),
        "issueType": props.string(
            "Issue Type",
            "The issue type's name as the project defines it, e.g. `Task`, `Bug`, `Story` or `Subtask`. The choices "
            "list the project's types.",
            options=issue_type_options,
        ),
        "summary": props.string("Summary", "The issue's one-line title."),
        "description": props.string(
            "Description",
            "The issue description as plain text: blank lines separate paragraphs, lines starting with `- ` or `1. ` "
            "make lists, `#` lines headings and ``` fences code blocks. A full Atlassian Document Format document "
            "as JSON is sent as is.",
            optional=True,
        ),
        "assignee": app.definition("assignee"),
        "priority": app.definition("priority"),
        "labels": app.definition("labels"),
        "components": app.definition("components"),
        "parentKey": props.string(
            "Parent Issue",
            "The parent's issue key, e.g. `ENG-7`: an epic for a story or task, or the issue a subtask belongs to.",
            optional=True,
        ),
        "dueDate": props.string("Due Date", "When the issue is due, as YYYY-MM-DD, e.g. `2024-06-30`.", optional=True),
    },
    trim=created_summary,
)
async def create_issue(ctx):
    issue_type = str(ctx.props.issueType).strip()
    fields = {
        "project": {"key": str(ctx.props.projectKey).strip().upper()},
        "issuetype": {"id": issue_type} if issue_type.isdigit() else {"name": issue_type},
        "summary": ctx.props.summary,
    }
    if ctx.props.get("description"):
        fields["description"] = to_adf(ctx.props.description)
    if ctx.props.get("assignee"):
        fields["assignee"] = {"accountId": await account_id(ctx, ctx.props.assignee)}
    if ctx.props.get("priority"):
        fields["priority"] = {"name": ctx.props.priority}
    if ctx.props.get("labels"):
        fields["labels"] = list(ctx.props.labels)
    if ctx.props.get("components"):
        fields["components"] = [{"name": name} for name in ctx.props.components]
    if ctx.props.get("parentKey"):
        fields["parent"] = {"key": issue_key(ctx.props.parentKey)}
    if ctx.props.get("dueDate"):
        fields["duedate"] = check_date(ctx.props.dueDate, "dueDate")
    created = (await jira(ctx, "POST", "/issue", json={"fields": fields})).json()
    ctx.summary = f"Created Jira {issue_type} {created['key']}: {ctx.props.summary}"
    return with_browse_url(ctx, created)
