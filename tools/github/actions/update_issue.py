from mcp_gateway.catalog import ActionError, props

from ..app import app, full_name_of, issue_summary, repo_path, request


@app.action(
    "update-issue",
    title="Update Issue",
    description=(
        "Change an existing GitHub issue: close or reopen it, replace its title or body, or replace its whole "
        "set of labels or assignees. Fields left empty stay as they are. To add or remove single labels without "
        "touching the others use Add Labels to Issue or Remove Label from Issue; for a pull request's title, "
        "body or base branch use Update Pull Request. Returns the updated issue."
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
        "labels": app.definition(
            "labels",
            description="The issue's complete new set of label names, replacing the current ones, e.g. "
            "`[\"bug\"]`. Leave empty to keep the labels. Needs push access.",
        ),
        "assignees": app.definition(
            "assignees",
            description="The complete new list of assignees' logins, replacing the current ones, e.g. "
            "`[\"octocat\"]`. Leave empty to keep them. Needs push access.",
        ),
    },
    destructive=True,
    idempotent=True,
    trim=issue_summary,
)
async def update_issue(ctx):
    body = {}
    for name, field in (("title", "title"), ("body", "body"), ("state", "state"), ("stateReason", "state_reason")):
        value = ctx.props.get(name)
        if value not in (None, ""):
            body[field] = value
    for name in ("labels", "assignees"):
        if ctx.props.get(name):
            body[name] = list(ctx.props[name])
    if body.get("state") not in (None, "open", "closed"):
        raise ActionError(f"state {body['state']!r} must be `open` or `closed`")
    if not body:
        raise ActionError("nothing to change: give at least one of state, stateReason, title, body, labels or assignees")
    path = f"{repo_path(ctx.props.repoFullname)}/issues/{ctx.props.issueNumber}"
    issue = (await request(ctx, "PATCH", path, json=body)).json()
    changed = ", ".join(body)
    ctx.summary = f"Updated {changed} of issue #{issue['number']} in {full_name_of(ctx.props.repoFullname)} (now {issue.get('state')})"
    return issue
