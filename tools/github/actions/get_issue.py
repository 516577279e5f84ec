from ..app import app, full_name_of, get_json, issue_summary, repo_path


@app.action(
    "get-issue",
    title="Get Issue",
    description=(
        "Read one issue (or pull request) of a GitHub repository by its number: title, body, state, labels, "
        "assignees, comment count and URL. For a pull request's branches, mergeability and diff size use Get "
        "Pull Request; for its comments use List Issue Comments; to find issues use List Issues or Search "
        "Issues and Pull Requests."
    ),
    props={
        "repoFullname": app.definition("repoFullname"),
        "issueNumber": app.definition("issueNumber"),
    },
    read_only=True,
    trim=issue_summary,
)
async def get_issue(ctx):
    issue = await get_json(ctx, f"{repo_path(ctx.props.repoFullname)}/issues/{ctx.props.issueNumber}")
    kind = "pull request" if "pull_request" in issue else "issue"
    ctx.summary = f"Retrieved {kind} #{issue['number']} of {full_name_of(ctx.props.repoFullname)}: {issue.get('title')}"
    return issue
