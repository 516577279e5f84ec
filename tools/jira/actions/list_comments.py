from mcp_gateway.catalog import props, within

from ..app import app, comment_summary, issue_key, start_at_page


@app.action(
    "list-comments",
    title="List Comments",
    description=(
        "Read the comments of a Jira issue, newest first, as text with author and time. Returns `comments` and a "
        "`next_cursor` when more exist. To post one use jira-add-comment; jira-get-issue also returns comments."
    ),
    props={
        "site": app.definition("site"),
        "issueKey": app.definition("issueKey"),
        "limit": props.limit("comments"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("comments", comment_summary),
)
async def list_comments(ctx):
    key = issue_key(ctx.props.issueKey)
    comments, next_cursor = await start_at_page(ctx, f"/issue/{key}/comment", "comments", {"orderBy": "-created"})
    ctx.summary = f"Listed {len(comments)} comments on Jira issue {key}" + (" (more available)" if next_cursor else "")
    return {"comments": comments, "next_cursor": next_cursor}
