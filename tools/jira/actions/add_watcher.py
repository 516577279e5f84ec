from mcp_gateway.catalog import props

from ..app import account_id, app, browse_url, issue_key, jira


@app.action(
    "add-watcher",
    title="Add Watcher",
    description=(
        "Make someone (or the connected user) watch a Jira issue, so Jira notifies them of its changes. The "
        "person can be given by account ID, as `me`, or by email address; jira-find-users finds account IDs."
    ),
    props={
        "site": app.definition("site"),
        "issueKey": app.definition("issueKey"),
        "accountId": props.string(
            "Watcher",
            "Who should watch: an Atlassian account ID (e.g. `5b10ac8d82e05b22cc7d4ef5`), `me`, or an email address "
            "to look up.",
            default="me",
        ),
    },
    idempotent=True,
)
async def add_watcher(ctx):
    key = issue_key(ctx.props.issueKey)
    watcher = await account_id(ctx, ctx.props.accountId)
    # The body is the account ID alone, as a JSON string.
    await jira(ctx, "POST", f"/issue/{key}/watchers", json=watcher)
    ctx.summary = f"{watcher} now watches Jira issue {key}"
    return {"key": key, "watcher_account_id": watcher, "url": browse_url(ctx, key)}
