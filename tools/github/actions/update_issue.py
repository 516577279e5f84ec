from mcp_gateway.catalog import ActionError, props

from ..app import app, full_name_of, issue_summary, repo_path


@app.action(
    "update-issue",
    title="Update Issue",
    description=(
        "Change an existing GitHub issue: close or reopen it, or replace its title or body. Fields left "
        "empty stay as they are; a new title or body replaces the old one. Returns the updated issue."
    ),
    props={
        "repoFullname": app.definition("repoFullname"),
        "issueNumber": app.definition("issueNumber"),
        "state": props.string(
            "State",
            "`closed` to close the issue, `open` to reopen it. Leave empty to keep the current state.",
            options=["open", "closed"],
            optional=True,
        ),
        "stateReason": props.string(
            "State Reason",
            "Why the state changes: `completed` or `not_planned` when closing, `reopened` when reopening.",
            options=["completed", "not_planned", "reopened"],
            optional=True,
        ),
        "title": props.string("Title", "A new title, replacing the current one.", optional=True),
        "body": props.string(
            "Body",
            "A new description in GitHub Markdown, replacing the whole current body.",
            optional=True,
        ),
    },
    destructive=True,
    idempotent=True,
)
async def update_issue(ctx):
    body = {}
    for name, field in (("title", "title"), ("body", "body"), ("state", "state"), ("stateReason", "state_reason")):
        value = ctx.props.get(name)
        if value not in (None, ""):
            body[field] = value
    if body.get("state") not in (None, "open", "closed"):
        raise ActionError(f"state {body['state']!r} must be `open` or `closed`")
    if not body:
        raise ActionError("nothing to change: give at least one of state, stateReason, title or body")
    path = f"{repo_path(ctx.props.repoFullname)}/issues/{ctx.props.issueNumber}"
    issue = (await ctx.http.patch(path, json=body)).json()
    changed = ", ".join(name for name in ("title", "body", "state", "state_reason") if name in body)
    ctx.summary = f"Updated {changed} of issue #{issue['number']} in {full_name_of(ctx.props.repoFullname)} (now {issue.get('state')})"
    return issue_summary(issue)
