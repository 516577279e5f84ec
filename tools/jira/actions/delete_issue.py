from mcp_gateway.catalog import props

from ..app import app, issue_key, jira


@app.action(
    "delete-issue",
    title="Delete Issue",
    description=(
        "Permanently delete a Jira issue. An issue with subtasks is only deleted when deleteSubtasks is true, and "
        "then its subtasks go too. This cannot be undone; to close an issue instead, move it to a done status with "
        "jira-transition-issue."
    ),
    props={
        "site": app.definition("site"),
        "issueKey": app.definition("issueKey"),
        "deleteSubtasks": props.boolean("Delete Subtasks", "Also delete the issue's subtasks.", default=False),
    },
    destructive=True,
    idempotent=True,
)
async def delete_issue(ctx):
    key = issue_key(ctx.props.issueKey)
    params = {"deleteSubtasks": "true" if ctx.props.deleteSubtasks else "false"}
    await jira(ctx, "DELETE", f"/issue/{key}", params=params)
    ctx.summary = f"Deleted Jira issue {key}"
    return {"key": key, "deleted": True}
