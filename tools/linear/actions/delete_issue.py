from ..app import app, gql

_DELETE = "mutation IssueDelete($id: String!) { issueDelete(id: $id) { success } }"


@app.action(
    "delete-issue",
    title="Delete Issue",
    description=(
        "Delete a Linear issue. It goes to the workspace's trash, where it can be restored for 30 days. Returns "
        "whether Linear confirmed the deletion. To keep the issue but take it out of active views, use "
        "linear-archive-issue instead."
    ),
    props={"issueId": app.definition("issueId")},
    destructive=True,
    idempotent=True,
)
async def delete_issue(ctx):
    issue_id = str(ctx.props.issueId).strip()
    success = bool((await gql(ctx, _DELETE, {"id": issue_id}))["issueDelete"].get("success"))
    ctx.summary = f"Deleted Linear issue {issue_id} (moved to trash)" if success else f"Linear did not delete {issue_id}"
    return {"id": issue_id, "deleted": success}
