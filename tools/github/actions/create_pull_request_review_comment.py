from mcp_gateway.catalog import ActionError, props

from ..app import app, comment_summary, full_name_of, get_json, repo_path, request


@app.action(
    "create-pull-request-review-comment",
    title="Create Pull Request Review Comment",
    description=(
        "Comment on a line (or a range of lines) of a pull request's diff, or reply to such a comment. For "
        "several comments with a verdict use Create Pull Request Review; for a comment in the conversation use "
        "Create Issue Comment. Returns the comment's ID, URL, file and line."
    ),
    props={
        "repoFullname": app.definition("repoFullname"),
        "pullNumber": app.definition("pullNumber"),
        "body": props.string("Comment", "The comment text, in GitHub Markdown."),
        "path": props.string(
            "File Path", "The file to comment on, as List Pull Request Files returns it, e.g. `src/app.py`. Not "
            "needed for a reply.", optional=True,
        ),
        "line": props.integer(
            "Line", "The line of the file the comment is on (the last line of a range); a line the diff shows. Not "
            "needed for a reply.", min=1, optional=True,
        ),
        "side": props.string(
            "Side", "`RIGHT` (the default) for an added or unchanged line, `LEFT` for a removed one.",
            options=["RIGHT", "LEFT"], optional=True,
        ),
        "startLine": props.integer("Start Line", "For a comment on a range: its first line.", min=1, optional=True),
        "commitId": props.string(
            "Commit SHA", "The commit the line is in. Leave empty for the pull request's latest commit (its `head_sha`).",
            optional=True,
        ),
        "inReplyTo": props.integer(
            "Reply To Comment ID", "The `id` of a review comment (from List Pull Request Review Comments) to reply "
            "to; then path and line are not needed.", optional=True,
        ),
    },
    trim=comment_summary,
)
async def create_pull_request_review_comment(ctx):
    repo = repo_path(ctx.props.repoFullname)
    number = ctx.props.pullNumber
    if ctx.props.get("inReplyTo"):
        path = f"{repo}/pulls/{number}/comments/{ctx.props.inReplyTo}/replies"
        body = {"body": ctx.props.body}
    else:
        path = f"{repo}/pulls/{number}/comments"
        if not ctx.props.get("path") or not ctx.props.get("line"):
            raise ActionError("give the file path and line to comment on, or inReplyTo to answer an existing review comment")
        commit_id = ctx.props.get("commitId") or (await get_json(ctx, f"{repo}/pulls/{number}"))["head"]["sha"]
        body = {"body": ctx.props.body, "commit_id": commit_id, "path": ctx.props.path, "line": ctx.props.line}
        for name, field in (("side", "side"), ("startLine", "start_line")):
            if ctx.props.get(name):
                body[field] = ctx.props[name]
    comment = (await request(ctx, "POST", path, json=body)).json()
    where = f"{comment.get('path')}:{comment.get('line')}" if comment.get("path") else "a review comment"
    ctx.summary = f"Commented on {where} of pull request #{number} in {full_name_of(ctx.props.repoFullname)}"
    return comment
