from mcp_gateway.catalog import props, within

from ..app import app, comment_summary, full_name_of, list_page, plural, repo_path


@app.action(
    "list-pull-request-review-comments",
    title="List Pull Request Review Comments",
    description=(
        "List the comments made on lines of a pull request's diff, with the file, line and commit each sits on "
        "and the comment it replies to. The conversation's plain comments are listed by List Issue Comments; "
        "review verdicts by List Pull Request Reviews. Returns `comments` and `next_cursor`."
    ),
    props={
        "repoFullname": app.definition("repoFullname"),
        "pullNumber": app.definition("pullNumber"),
        "sort": props.string("Sort", "`created` (the default) or `updated`.", options=["created", "updated"], optional=True),
        "direction": props.string("Direction", "`asc` or `desc`; used with `sort`.", options=["asc", "desc"], optional=True),
        "since": props.string("Since", "Only comments updated after this ISO 8601 time, e.g. `2024-05-01T00:00:00Z`.", optional=True),
        "limit": props.limit("comments"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("comments", comment_summary),
)
async def list_pull_request_review_comments(ctx):
    params = {name: ctx.props[name] for name in ("sort", "direction", "since") if ctx.props.get(name)}
    path = f"{repo_path(ctx.props.repoFullname)}/pulls/{ctx.props.pullNumber}/comments"
    comments, next_cursor, _ = await list_page(ctx, path, params=params)
    ctx.summary = f"Listed {plural(len(comments), 'review comment')} of pull request #{ctx.props.pullNumber} in {full_name_of(ctx.props.repoFullname)}"
    return {"comments": comments, "next_cursor": next_cursor}
