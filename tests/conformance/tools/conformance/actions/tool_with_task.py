from ..app import accepted, app, fixture, text_question


@app.action(
    "tool-with-task",
    title="Tool With Task",
    description=fixture("tasks-mrtr-composition", "Asks the user's name in the call itself, then goes on as a task "
                        "whose result greets them."),
    tool_name="test_tool_with_task",
    read_only=True,
    task_support="required",
    task_from="handoff",
)
async def tool_with_task(ctx):
    name = accepted(await ctx.elicit(*text_question("What is your name?", "name"), key="user_name"), "name")
    await ctx.run_as_task()
    return f"Task finished for {name}"
