from ..app import app, call


@app.action(
    "complete-todo",
    title="Complete To-do",
    description=(
        "Mark a Basecamp to-do as done (completing one already done changes nothing). To add a to-do use "
        "basecamp-create-todo."
    ),
    props={
        "accountId": app.definition("accountId"),
        "projectId": app.definition("projectId"),
        "todolistId": app.definition("todolistId", optional=True,
                                     description="The to-do's list, to choose the to-do from in a form; not sent."),
        "todoId": app.definition("todoId"),
    },
    idempotent=True,
)
async def complete_todo(ctx):
    await call(ctx, "POST", f"/buckets/{ctx.props.projectId}/todos/{ctx.props.todoId}/completion.json")
    ctx.summary = f"Completed the to-do {ctx.props.todoId}"
    return {"id": ctx.props.todoId, "completed": True}
