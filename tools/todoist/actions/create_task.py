from mcp_gateway.catalog import props

from ..app import api, app, due_fields, task_summary


@app.action(
    "create-task",
    title="Create Task",
    description=(
        "Add a task to Todoist with its fields given one by one: project, section, parent task, labels, priority and "
        "due date. Without a project it goes to the Inbox. To add from one line of text as typed in the app "
        "(`Call Ana tomorrow #Work p1`), todoist-quick-add-task is simpler. Returns the new task's ID."
    ),
    props={
        "content": props.string("Content", "What the task is, e.g. `Buy milk`; Markdown is allowed."),
        "description": props.string("Description", "More detail, shown under the task.", optional=True),
        "projectId": app.definition("projectId", optional=True, description="The project to add it to (its ID); the Inbox when empty."),
        "sectionId": app.definition("sectionId", optional=True, description="The section to add it to (its ID, from todoist-list-sections)."),
        "parentId": app.definition("taskId", label="Parent Task", optional=True, description="Make it a subtask of this task (its ID)."),
        "labels": app.definition("labels"),
        "priority": app.definition("priority"),
        "dueString": app.definition("dueString"),
        "dueDate": app.definition("dueDate"),
        "dueDatetime": app.definition("dueDatetime"),
        "dueLang": app.definition("dueLang"),
        "deadlineDate": props.string("Deadline", "A hard deadline day, `YYYY-MM-DD`, apart from the due date.", optional=True),
        "assigneeId": props.string("Assignee", "The user ID of a collaborator of a shared project to assign it to.", optional=True),
    },
    trim=task_summary,
)
async def create_task(ctx):
    body = {"content": ctx.props.content}
    for prop, field in (("description", "description"), ("projectId", "project_id"), ("sectionId", "section_id"),
                        ("parentId", "parent_id"), ("labels", "labels"), ("deadlineDate", "deadline_date"),
                        ("assigneeId", "assignee_id")):
        if ctx.props.get(prop):
            body[field] = ctx.props[prop]
    if ctx.props.get("priority") is not None:
        body["priority"] = ctx.props.priority
    body.update(due_fields(ctx))
    task = await api(ctx, "POST", "/tasks", json=body)
    ctx.summary = f"Added the task {task.get('content')!r}"
    return task
