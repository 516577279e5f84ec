import asyncio

from ..app import accepted, app, fixture, text_question


@app.action(
    "multi-input",
    title="Multi Input",
    description=fixture("tasks-mrtr-input", "Runs as a task that asks two questions at once."),
    tool_name="multi_input",
    read_only=True,
    task_support="optional",
)
async def multi_input(ctx):
    first, second = await asyncio.gather(ctx.elicit(*text_question("First question?", "first"), key="first"),
                                         ctx.elicit(*text_question("Second question?", "second"), key="second"))
    return f"Answers: {accepted(first, 'first')}, {accepted(second, 'second')}"
