from mcp_gateway.catalog import props

from ..app import ISSUE_FIELDS, app, comment_summary, issue_key, issue_summary, jira


@app.action(
    "get-issue",
    title="Get Issue",
    description=(
        "Read one Jira issue by key: summary, description (as text), status, type, priority, assignee, reporter, "
        "labels, parent, dates and URL, plus its latest comments."
    ),
    props={
        "site": app.definition("site"),
        "issueKey": app.definition("issueKey"),
        "includeComments": props.boolean("Include Comments", "Also return the issue's comments.", default=True),
    },
    read_only=True,
)
async def get_issue(ctx):
    key = issue_key(ctx.props.issueKey)
    fields = ISSUE_FIELDS + (["comment"] if ctx.props.includeComments else [])
    issue = (await jira(ctx, "GET", f"/issue/{key}", params={"fields": ",".join(fields)})).json()
    result = issue_summary(ctx, issue)
    if ctx.props.includeComments:
        comments = ((issue.get("fields") or {}).get("comment") or {}).get("comments") or []
        result["comments"] = [comment_summary(c) for c in comments]
    ctx.summary = f"Retrieved Jira issue {issue.get('key')}: {result['summary']} ({result['status']})"
    return result
