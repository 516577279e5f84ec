from mcp_gateway.catalog import props

from ..app import app, comment_summary, issue_key, jira


@app.action(
    "list-comments",
    title="List Comments",
    description="Read the comments of a Jira issue, newest first, as text with author and time.",
    props={
        "site": app.definition("site"),
        "issueKey": app.definition("issueKey"),
        "maxResults": props.integer("Max Comments", "The most comments to return (1 to 100).", min=1, max=100, default=20),
    },
    read_only=True,
)
async def list_comments(ctx):
    key = issue_key(ctx.props.issueKey)
    params = {"startAt": 0, "maxResults": ctx.props.maxResults, "orderBy": "-created"}
    data = (await jira(ctx, "GET", f"/issue/{key}/comment", params=params)).json()
    comments = [comment_summary(c) for c in data.get("comments") or []]
    ctx.summary = f"Listed {len(comments)} of {data.get('total', len(comments))} comments on Jira issue {key}"
    return {"issue": key, "total": data.get("total"), "comments": comments}
