from mcp_gateway.catalog import props

from ..app import account_id, app, browse_url, issue_key, jira


@app.action(
    "assign-issue",
    title="Assign Issue",
    description=(
        "Assign a Jira issue to someone, or unassign it. The person can be given by account ID, as `me`, or by "
        "email address. jira-find-users finds people; to change other fields use jira-update-issue."
    ),
    props={
        "site": app.definition("site"),
        "issueKey": app.definition("issueKey"),
        "assignee": props.string(
            "Assignee",
            "Who to assign: an Atlassian account ID (e.g. `5b10ac8d82e05b22cc7d4ef5`), `me`, an email address to look "
            "up, or `none` to leave the issue unassigned. jira-find-users finds account IDs.",
        ),
    },
    idempotent=True,
)
async def assign_issue(ctx):
    key = issue_key(ctx.props.issueKey)
    who = str(ctx.props.assignee).strip()
    target = None if who.lower() in ("none", "unassigned", "") else await account_id(ctx, who)
    await jira(ctx, "PUT", f"/issue/{key}/assignee", json={"accountId": target})
    ctx.summary = f"Assigned Jira issue {key} to {target}" if target else f"Unassigned Jira issue {key}"
    return {"key": key, "assignee_account_id": target, "url": browse_url(ctx, key)}
