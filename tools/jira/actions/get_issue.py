from mcp_gateway.catalog import props

from ..app import ISSUE_FIELDS, app, issue_key, issue_summary, jira, with_browse_url


@app.action(
    "get-issue",
    title="Get Issue",
    description=(
        "Read one Jira issue by key: summary, description (as text), status, type, priority, assignee, reporter, "
        "labels, parent, dates and URL, plus its comments. To find issues by their fields use jira-search-issues; "
        "for more comments than the issue carries, jira-list-comments; for the statuses it can move to, "
        "jira-list-transitions."
    ),
    props={
        "site": app.definition("site"),
        "issueKey": app.definition("issueKey"),
        "includeComments": props.boolean("Include Comments", "Also return the issue's comments.", default=True),
    },
    read_only=True,
    trim=issue_summary,
)
async def get_issue(ctx):
    key = issue_key(ctx.props.issueKey)
    fields = ISSUE_FIELDS + (["comment"] if ctx.props.includeComments else [])
    issue = (await jira(ctx, "GET", f"/issue/{key}", params={"fields": ",".join(fields)})).json()
    status = ((issue.get("fields") or {}).get("status") or {}).get("name")
    ctx.summary = f"Retrieved Jira issue {issue.get('key')}: {(issue.get('fields') or {}).get('summary')} ({status})"
    return with_browse_url(ctx, issue)
