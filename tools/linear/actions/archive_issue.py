from ..app import app, gql

_ARCHIVE = "mutation IssueArchive($id: String!) { issueArchive(id: $id) { success entity { id identifier archivedAt } } }"


@app.action(
    "archive-issue",
    title="Archive Issue",
    description=(
        "Archive a Linear issue: it leaves the team's active views but stays searchable and can be restored. To "
        "remove it to the trash use linear-delete-issue; to close it as done, linear-update-issue with a "
        "completed status."
    ),
    props={"issueId": app.definition("issueId")},
    idempotent=True,
)
async def archive_issue(ctx):
    issue_id = str(ctx.props.issueId).strip()
    payload = (await gql(ctx, _ARCHIVE, {"id": issue_id}))["issueArchive"]
    entity = payload.get("entity") or {}
    success = bool(payload.get("success"))
    name = entity.get("identifier") or issue_id
    ctx.summary = f"Archived Linear issue {name}" if success else f"Linear did not archive {name}"
    return {"id": entity.get("id"), "identifier": name, "archived": success, "archived_at": entity.get("archivedAt")}
