from mcp_gateway.catalog import ActionError, props

from ..app import activity_links, activity_summary, app, create_activity, timestamp


@app.action(
    "create-task",
    title="Create Task",
    description=(
        "Create a HubSpot task (a to-do, call or email to follow up) with a due date, priority and owner, "
        "optionally on contacts, companies, deals or tickets. To record something that already happened use Create "
        "Note, Create Call or Create Meeting instead. Returns the task's ID."
    ),
    props={
        "subject": props.string("Subject", "The task's title, e.g. `Call Ada about renewal`."),
        "body": props.string("Notes", "Details of the task; simple HTML is kept.", optional=True),
        "dueDate": props.string(
            "Due", "When the task is due, e.g. `2025-05-02` or `2025-05-02T09:00:00Z`. Defaults to now.", optional=True,
        ),
        "status": props.string(
            "Status", "`NOT_STARTED` (the default), `IN_PROGRESS`, `WAITING`, `COMPLETED` or `DEFERRED`.",
            options=["NOT_STARTED", "IN_PROGRESS", "WAITING", "COMPLETED", "DEFERRED"], optional=True,
        ),
        "priority": props.string("Priority", "`LOW`, `MEDIUM` or `HIGH`.", options=["LOW", "MEDIUM", "HIGH"], optional=True),
        "taskType": props.string(
            "Type", "`TODO` (the default), `CALL` or `EMAIL`.", options=["TODO", "CALL", "EMAIL"], optional=True,
        ),
        "owner": app.definition("owner", description="The ID of the HubSpot user the task is assigned to."),
        **activity_links("tasks", "about"),
    },
    trim=activity_summary,
)
async def create_task(ctx):
    subject = str(ctx.props.subject).strip()
    if not subject:
        raise ActionError("the task needs a subject")
    properties = {
        "hs_task_subject": subject,
        "hs_timestamp": timestamp(ctx.props.get("dueDate"), "dueDate"),
        "hs_task_status": ctx.props.get("status") or "NOT_STARTED",
        "hs_task_type": ctx.props.get("taskType") or "TODO",
    }
    if ctx.props.get("body"):
        properties["hs_task_body"] = ctx.props.body
    if ctx.props.get("priority"):
        properties["hs_task_priority"] = ctx.props.priority
    task, _ = await create_activity(ctx, "tasks", properties)
    ctx.summary = f"Created task {task.get('id')} ({subject}) due {properties['hs_timestamp'][:10]}"
    return task
