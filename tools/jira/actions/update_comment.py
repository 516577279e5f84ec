from mcp_gateway.catalog import props

from ..app import app, comment_id, comment_summary, issue_key, jira, to_adf


@app.action(
    "update-comment",
    title="Update Comment",
    description=(
        "Replace the text of a comment on a Jira issue (the connected user needs permission to edit it, usually "
        "their own). To add a new comment use jira-add-comment; to remove one, jira-delete-comment."
    ),
    props={
        "site": app.definition("site"),
        "issueKey": app.definition("issueKey"),
        "commentId": app.definition("commentId"),
        "body": props.string(
            "Comment",
            "The new text as plain text (blank lines separate paragraphs, `- ` lines make lists), or an Atlassian "
            "Document Format document as JSON.",
        ),
        "notifyUsers": props.boolean("Notify Watchers", "Email the issue's watchers about the change.", default=True),
    },
    destructive=True,
    idempotent=True,
    trim=comment_summary,
)
async def update_comment(ctx):
    key = issue_key(ctx.props.issueKey)
    params = None if ctx.props.notifyUsers else {"notifyUsers": "false"}
    comment = (
        await jira(ctx, "PUT", f"/issue/{key}/comment/{comment_id(ctx.props.commentId)}", json={"body": to_adf(ctx.props.body)},
                   params=params)
    ).json()
    ctx.summary = f"Updated comment {comment.get('id')} on Jira issue {key}"
    return comment
