from mcp_gateway.catalog import ActionError, props

from ..app import app, full_name_of, repo_path, request
from .list_pull_request_reviews import review_summary


@app.action(
    "create-pull-request-review",
    title="Create Pull Request Review",
    description=(
        "Review a pull request: approve it, request changes, or comment, with a summary and optionally comments "
        "on lines of the diff. Leaving `event` empty saves a pending review only the connected user sees. For "
        "one comment on a line without a review use Create Pull Request Review Comment; for a plain comment in "
        "the conversation use Create Issue Comment. Returns the review's ID, state and URL."
    ),
    props={
        "repoFullname": app.definition("repoFullname"),
        "pullNumber": app.definition("pullNumber"),
        "event": props.string(
            "Event", "`APPROVE`, `REQUEST_CHANGES` or `COMMENT`. Leave empty to keep the review pending.",
            options=["APPROVE", "REQUEST_CHANGES", "COMMENT"], optional=True,
        ),
        "body": props.string(
            "Body", "The review's summary text in GitHub Markdown; needed for `REQUEST_CHANGES` and `COMMENT`.",
            optional=True,
        ),
        "commitId": props.string(
            "Commit SHA", "The commit to review (the pull request's `head_sha` from Get Pull Request). Leave empty "
            "for its latest commit.", optional=True,
        ),
        "comments": props.object_list(
            "Line Comments",
            "Comments on lines of the diff, each `{\"path\": \"src/app.py\", \"line\": 12, \"body\": \"...\"}`; add "
            "`\"side\": \"LEFT\"` for a removed line, and `start_line` for a range. Paths are those List Pull "
            "Request Files returns.",
            optional=True,
        ),
    },
    trim=review_summary,
)
async def create_pull_request_review(ctx):
    event = ctx.props.get("event")
    if event in ("REQUEST_CHANGES", "COMMENT") and not ctx.props.get("body"):
        raise ActionError(f"a {event} review needs a body saying what to change or what the comment is")
    body = {}
    for name, field in (("commitId", "commit_id"), ("body", "body"), ("event", "event")):
        if ctx.props.get(name):
            body[field] = ctx.props[name]
    if ctx.props.get("comments"):
        body["comments"] = [dict(comment) for comment in ctx.props.comments]
    path = f"{repo_path(ctx.props.repoFullname)}/pulls/{ctx.props.pullNumber}/reviews"
    review = (await request(ctx, "POST", path, json=body)).json()
    ctx.summary = f"Reviewed pull request #{ctx.props.pullNumber} in {full_name_of(ctx.props.repoFullname)} ({review.get('state')})"
    return review
