from mcp_gateway.catalog import ActionError, props

from ..app import api, app, comment_summary


@app.action(
    "create-comment",
    title="Add Comment",
    description=(
        "Add a comment to a Todoist task or to a whole project, e.g. a status note or a link. To change the task "
        "itself (its text or description) use todoist-update-task."
    ),
    props={
        "content": props.string("Content", "The comment text; Markdown is allowed."),
        "taskId": app.definition("taskId", optional=True, description="The task to comment on (its ID). Give this or a project."),
        "projectId": app.definition("projectId", optional=True, description="The project to comment on (its ID), when not a task."),
    },
    trim=comment_summary,
)
async def create_comment(ctx):
    task_id, project_id = ctx.props.get("taskId"), ctx.props.get("projectId")
    if bool(task_id) == bool(project_id):
        raise ActionError("give either taskId or projectId: a comment belongs to one task or one project")
    body = {"content": ctx.props.content, **({"task_id": task_id} if task_id else {"project_id": project_id})}
    comment = await api(ctx, "POST", "/comments", json=body)
    ctx.summary = "Added a comment to the task" if task_id else "Added a comment to the project"
    return comment
