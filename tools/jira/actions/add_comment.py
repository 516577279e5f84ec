from mcp_gateway.catalog import props

from ..app import app, comment_summary, issue_key, jira, to_adf


@app.action(
    "add-comment",
    title="Add Comment",
    description=(
        "Post a comment on a Jira issue as the connected user. Returns the comment's ID, author and text. To "
        "change a comment later use jira-update-comment; to read the thread, jira-list-comments."
    ),
    props={
        "site": app.definition("site"),
        "issueKey": app.definition("issueKey"),
        "body": props.string(
            "Comment",
            "The comment as plain text (blank lines separate paragraphs, `- ` lines make lists, URLs become links), or "
            "an Atlassian Document Format document as JSON.",
        ),
    },
    trim=comment_summary,
)
async def add_comment(ctx):
    key = issue_key(ctx.props.issueKey)
    comment = (await jira(ctx, "POST", f"/issue/{key}/comment", json={"body": to_adf(ctx.props.body)})).json()
    ctx.summary = f"Commented on Jira issue {key}"
    return comment
