from mcp_gateway.catalog import props, within

from ..app import app, full_name_of, list_page, plural, repo_path, user_login


def review_summary(review):
    return {
        "id": review.get("id"),
        "user": user_login(review.get("user")),
        "state": review.get("state"),
        "body": review.get("body"),
        "commit_id": review.get("commit_id"),
        "html_url": review.get("html_url"),
        "submitted_at": review.get("submitted_at"),
    }


@app.action(
    "list-pull-request-reviews",
    title="List Pull Request Reviews",
    description=(
        "List the reviews of a pull request, oldest first: who reviewed, whether they approved, requested "
        "changes or only commented, and the review's summary text. For the comments on diff lines use List "
        "Pull Request Review Comments; to review use Create Pull Request Review. Returns `reviews` and "
        "`next_cursor`."
    ),
    props={
        "repoFullname": app.definition("repoFullname"),
        "pullNumber": app.definition("pullNumber"),
        "limit": props.limit("reviews"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("reviews", review_summary),
)
async def list_pull_request_reviews(ctx):
    path = f"{repo_path(ctx.props.repoFullname)}/pulls/{ctx.props.pullNumber}/reviews"
    reviews, next_cursor, _ = await list_page(ctx, path)
    ctx.summary = f"Listed {plural(len(reviews), 'review')} of pull request #{ctx.props.pullNumber} in {full_name_of(ctx.props.repoFullname)}"
    return {"reviews": reviews, "next_cursor": next_cursor}
