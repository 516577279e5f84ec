from mcp_gateway.catalog import props

from ..app import TASK_FIELDS, app, call, get_page, story_summary, task_id, task_summary


def _detail(task):
    out = task_summary(task)
    if "subtasks" in task:
        out["subtasks"] = [
            {
                "gid": s.get("gid"),
                "name": s.get("name"),
                "completed": s.get("completed"),
                "assignee": (s.get("assignee") or {}).get("name"),
                "due_on": s.get("due_on"),
            }
            for s in task["subtasks"]
        ]
    if "stories" in task:
        out["comments"] = [
            {k: v for k, v in story_summary(s).items() if k != "is_pinned"} for s in task["stories"] if s.get("type") == "comment"
        ]
    return out


@app.action(
    "get-task",
    title="Get Task",
    description=(
        "Read one Asana task: name, description, assignee, dates, completion, projects and sections, parent, "
        "tags and URL, optionally with its subtasks and comments (the first 100). To find a task's gid use "
        "asana-search-tasks or asana-list-tasks; for all of a task's comments use asana-list-comments."
    ),
    props={
        "workspace": app.definition(
            "workspace", optional=True, description="The task's workspace. Only used to offer choices for the task."
        ),
        "task": app.definition("task"),
        "includeSubtasks": props.boolean("Include Subtasks", "`true` to list the task's subtasks too.", default=False),
        "includeComments": props.boolean(
            "Include Comments", "`true` to add the task's comments (up to 100).", default=False
        ),
    },
    read_only=True,
    trim=_detail,
)
async def get_task(ctx):
    gid = task_id(ctx.props.task)
    task = await call(ctx, "GET", f"/tasks/{gid}", params={"opt_fields": TASK_FIELDS})
    # Subtasks and stories are the answers of their own endpoints, added to the task's payload.
    if ctx.props.includeSubtasks:
        task["subtasks"], _ = await get_page(
            ctx, f"/tasks/{gid}/subtasks", {"opt_fields": "name,completed,assignee.name,due_on", "limit": 100}
        )
    if ctx.props.includeComments:
        task["stories"], _ = await get_page(
            ctx,
            f"/tasks/{gid}/stories",
            {"opt_fields": "created_at,created_by.name,text,type,resource_subtype", "limit": 100},
        )
    state = "completed" if task.get("completed") else "open"
    ctx.summary = f"Retrieved {state} task {task.get('name')!r}"
    return task
