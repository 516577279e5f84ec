from mcp_gateway.catalog import props

from ..app import TASK_FIELDS, app, call, get_page, task_id, task_summary


@app.action(
    "get-task",
    title="Get Task",
    description=(
        "Read one Asana task: name, description, assignee, dates, completion, projects and sections, parent, "
        "tags and URL, optionally with its subtasks and comments."
    ),
    props={
        "task": app.definition("task"),
        "includeSubtasks": props.boolean("Include Subtasks", "`true` to list the task's subtasks too.", default=False),
        "includeComments": props.boolean(
            "Include Comments", "`true` to add the task's comments (up to 100).", default=False
        ),
    },
    read_only=True,
)
async def get_task(ctx):
    gid = task_id(ctx.props.task)
    task = await call(ctx, "GET", f"/tasks/{gid}", params={"opt_fields": TASK_FIELDS})
    out = task_summary(task)
    if ctx.props.includeSubtasks:
        subtasks, _ = await get_page(
            ctx, f"/tasks/{gid}/subtasks", {"opt_fields": "name,completed,assignee.name,due_on", "limit": 100}
        )
        out["subtasks"] = [
            {
                "gid": s.get("gid"),
                "name": s.get("name"),
                "completed": s.get("completed"),
                "assignee": (s.get("assignee") or {}).get("name"),
                "due_on": s.get("due_on"),
            }
            for s in subtasks
        ]
    if ctx.props.includeComments:
        stories, _ = await get_page(
            ctx,
            f"/tasks/{gid}/stories",
            {"opt_fields": "created_at,created_by.name,text,type,resource_subtype", "limit": 100},
        )
        out["comments"] = [
            {
                "gid": s.get("gid"),
                "created_at": s.get("created_at"),
                "author": (s.get("created_by") or {}).get("name"),
                "text": s.get("text"),
            }
            for s in stories
            if s.get("type") == "comment"
        ]
    state = "completed" if task.get("completed") else "open"
    ctx.summary = f"Retrieved {state} task {task.get('name')!r}"
    return out
