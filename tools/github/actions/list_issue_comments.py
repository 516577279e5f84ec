from mcp_gateway.catalog import props, within

from ..app import app, comment_summary, full_name_of, list_page, plural, repo_path


@app.action(
    "list-issue-comments",
    title="List Issue Comments",
    description=(
        "List the comments in the conversation of an issue or pull request, oldest first. The issue's own text "
        "comes from Get Issue; comments on a pull request's diff lines from List Pull Request Review Comments. "
        "Returns `comments` (ID, author, text, times, URL) and `next_cursor`."
    ),
    props={
        "repoFullname": app.definition("repoFullname"),
        "issueNumber": app.definition("issueNumber"),
        "since": props.string("Since", "Only comments updated after this ISO 8601 time, e.g. `2024-05-01T00:00:00Z`.", optional=True),
        "limit": props.limit("comments"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("comments", comment_summary),
)
async def list_issue_comments(ctx):
    params = {"since": ctx.props.since} if ctx.props.get("since") else None
    path = f"{repo_path(ctx.props.repoFullname)}/issues/{ctx.props.issueNumber}/comments"
    comments, next_cursor, _ = await list_page(ctx, path, params=params)
    ctx.summary = f"Listed {plural(len(comments), 'comment')} on #{ctx.props.issueNumber} in {full_name_of(ctx.props.repoFullname)}"
    return {"comments": comments, "next_cursor": next_cursor}
