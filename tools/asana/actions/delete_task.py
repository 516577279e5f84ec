from ..app import app, call, task_id


@app.action(
    "delete-task",
    title="Delete Task",
    description=(
        "Delete an Asana task (it goes to the trash, where it can be restored in Asana for 30 days). Deleting a "
        "task deletes its subtasks too. To close a task but keep it, use asana-update-task with `completed`."
    ),
    props={
        "workspace": app.definition(
            "workspace", optional=True, description="The task's workspace. Only used to offer choices for the task."
        ),
        "task": app.definition("task"),
    },
    destructive=True,
    idempotent=True,
)
async def delete_task(ctx):
    gid = task_id(ctx.props.task)
    await call(ctx, "DELETE", f"/tasks/{gid}")
    ctx.summary = f"Deleted task {gid}"
    return {"gid": gid, "deleted": True}
