from mcp_gateway.catalog import props

from ..app import app, full_name_of, issue_summary, repo_path, request


@app.action(
    "create-issue",
    title="Create Issue",
    description=(
        "Open a new issue in a GitHub repository, optionally with labels and assignees. To change an existing "
        "issue use Update Issue; to open a pull request use Create Pull Request. Returns the new issue's number, "
        "URL and fields."
    ),
    props={
        "repoFullname": app.definition("repoFullname"),
        "title": props.string("Title", "The issue title: one line saying what the issue is about."),
        "body": props.string(
            "Body",
            "The issue description, in GitHub Markdown. Leave empty for an issue with only a title.",
            optional=True,
        ),
        "labels": app.definition("labels"),
        "assignees": app.definition("assignees"),
    },
    trim=issue_summary,
)
async def create_issue(ctx):
    body = {"title": ctx.props.title}
    if ctx.props.get("body"):
        body["body"] = ctx.props.body
    if ctx.props.get("labels"):
        body["labels"] = list(ctx.props.labels)
    if ctx.props.get("assignees"):
        body["assignees"] = list(ctx.props.assignees)
    issue = (await request(ctx, "POST", f"{repo_path(ctx.props.repoFullname)}/issues", json=body)).json()
    ctx.summary = f"Created issue #{issue['number']} in {full_name_of(ctx.props.repoFullname)}"
    return issue
