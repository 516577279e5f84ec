from ..app import api, app, issue_path


@app.action(
    "delete-issue",
    title="Delete Issue",
    description=(
        "Delete a Sentry issue and all its events for good; new events of the same error open a new issue. To only "
        "close it, resolve or ignore it with sentry-update-issue instead. Needs the event:admin scope."
    ),
    props={"organization": app.definition("organization"), "issueId": app.definition("issueId")},
    destructive=True,
    idempotent=True,
)
async def delete_issue(ctx):
    await api(ctx, "DELETE", issue_path(ctx.props.organization, ctx.props.issueId))
    ctx.summary = f"Deleted issue {ctx.props.issueId}"
    return {"id": ctx.props.issueId, "deleted": True}
