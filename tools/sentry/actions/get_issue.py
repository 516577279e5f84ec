from ..app import api, app, issue_path, issue_summary


@app.action(
    "get-issue",
    title="Get Issue",
    description=(
        "Read one Sentry issue: its title, status, level, event and user counts, first and last seen, assignee and "
        "link. For the error itself with its stack trace, use sentry-get-issue-event."
    ),
    props={"organization": app.definition("organization"), "issueId": app.definition("issueId")},
    read_only=True,
    trim=issue_summary,
)
async def get_issue(ctx):
    issue = await api(ctx, "GET", issue_path(ctx.props.organization, ctx.props.issueId))
    ctx.summary = f"Read issue {issue.get('shortId') or ctx.props.issueId}: {issue.get('title')}"
    return issue
