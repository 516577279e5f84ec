from mcp_gateway.catalog import props

from ..app import api, app, iso, pickers


def _created(result):
    return {"id": result.get("id"), "task_id": result.get("task_id"), "date": iso(result.get("date"))}


@app.action(
    "create-comment",
    title="Create Task Comment",
    description=(
        "Post a comment on a ClickUp task, optionally assigning it to a user as an action item. To change the task "
        "itself (status, assignees), use clickup-update-task; to read comments, clickup-list-comments."
    ),
    props={
        **pickers("workspaceId", "spaceId", "folderId", "listId"),
        "taskId": app.definition("taskId"),
        "commentText": props.string("Comment", "The comment, in plain text."),
        "assignee": props.integer("Assign To", "A user ID to assign the comment to (from clickup-list-workspaces' "
                                  "members).", optional=True),
        "notifyAll": props.boolean("Notify All", "Notify everyone on the task, the author included.", optional=True,
                                   default=False),
    },
    trim=_created,
)
async def create_comment(ctx):
    body = {"comment_text": ctx.props.commentText, "notify_all": bool(ctx.props.get("notifyAll"))}
    if ctx.props.get("assignee") is not None:
        body["assignee"] = ctx.props.assignee
    created = await api(ctx, "POST", f"/task/{ctx.props.taskId}/comment", json=body)
    ctx.summary = f"Commented on the task {ctx.props.taskId}"
    return {**created, "task_id": ctx.props.taskId}
