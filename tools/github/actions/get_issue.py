from ..app import app, full_name_of, issue_summary, repo_path


@app.action(
    "get-issue",
    title="Get Issue",
    description=(
        "Read one issue (or pull request) of a GitHub repository by its number: title, body, state, labels, "
        "assignees, comment count and URL."
    ),
    props={
        "repoFullname": app.definition("repoFullname"),
        "issueNumber": app.definition("issueNumber"),
    },
    read_only=True,
)
async def get_issue(ctx):
    issue = (await ctx.http.get(f"{repo_path(ctx.props.repoFullname)}/issues/{ctx.props.issueNumber}")).json()
    kind = "pull request" if "pull_request" in issue else "issue"
    ctx.summary = f"Retrieved {kind} #{issue['number']} of {full_name_of(ctx.props.repoFullname)}: {issue.get('title')}"
    return issue_summary(issue)
