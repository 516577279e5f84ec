from ..app import app, comment_id, issue_key, jira


@app.action(
    "delete-comment",
    title="Delete Comment",
    description=(
        "Delete a comment from a Jira issue for good (the connected user needs permission to delete it). To "
        "correct it instead use jira-update-comment."
    ),
    props={
        "site": app.definition("site"),
        "issueKey": app.definition("issueKey"),
        "commentId": app.definition("commentId"),
    },
    destructive=True,
    idempotent=True,
)
async def delete_comment(ctx):
    key = issue_key(ctx.props.issueKey)
    await jira(ctx, "DELETE", f"/issue/{key}/comment/{comment_id(ctx.props.commentId)}")
    ctx.summary = f"Deleted comment {ctx.props.commentId} from Jira issue {key}"
    return {"key": key, "comment_id": ctx.props.commentId, "deleted": True}
