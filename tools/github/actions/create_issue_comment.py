from mcp_gateway.catalog import props

from ..app import app, full_name_of, repo_path, user_login


@app.action(
    "create-issue-comment",
    title="Create Issue Comment",
    description=(
        "Add a comment to an issue or pull request in a GitHub repository. Returns the comment's ID, URL "
        "and text."
    ),
    props={
        "repoFullname": app.definition("repoFullname"),
        "issueNumber": app.definition("issueNumber"),
        "body": props.string("Comment", "The comment text, in GitHub Markdown."),
    },
)
async def create_issue_comment(ctx):
    path = f"{repo_path(ctx.props.repoFullname)}/issues/{ctx.props.issueNumber}/comments"
    comment = (await ctx.http.post(path, json={"body": ctx.props.body})).json()
    ctx.summary = f"Commented on #{ctx.props.issueNumber} in {full_name_of(ctx.props.repoFullname)}"
    return {
        "id": comment.get("id"),
        "html_url": comment.get("html_url"),
        "body": comment.get("body"),
        "user": user_login(comment.get("user")),
        "created_at": comment.get("created_at"),
        "updated_at": comment.get("updated_at"),
    }
