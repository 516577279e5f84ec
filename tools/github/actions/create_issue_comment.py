from mcp_gateway.catalog import props

from ..app import app, comment_summary, full_name_of, repo_path, request


@app.action(
    "create-issue-comment",
    title="Create Issue Comment",
    description=(
        "Add a comment to the conversation of an issue or pull request in a GitHub repository. To comment on "
        "a line of a pull request's diff use Create Pull Request Review Comment; to approve or request changes "
        "use Create Pull Request Review. Returns the comment's ID, URL and text."
    ),
    props={
        "repoFullname": app.definition("repoFullname"),
        "issueNumber": app.definition("issueNumber"),
        "body": props.string("Comment", "The comment text, in GitHub Markdown."),
    },
    trim=comment_summary,
)
async def create_issue_comment(ctx):
    path = f"{repo_path(ctx.props.repoFullname)}/issues/{ctx.props.issueNumber}/comments"
    comment = (await request(ctx, "POST", path, json={"body": ctx.props.body})).json()
    ctx.summary = f"Commented on #{ctx.props.issueNumber} in {full_name_of(ctx.props.repoFullname)}"
    return comment
