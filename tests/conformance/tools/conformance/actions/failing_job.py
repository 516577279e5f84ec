import asyncio

from mcp_gateway.catalog import ActionError

from ..app import app, fixture


@app.action(
    "failing-job",
    title="Failing Job",
    description=fixture("tasks-lifecycle", "Runs only as a task, and ends with a tool error after about a second."),
    tool_name="failing_job",
    read_only=True,
    task_support="required",
)
async def failing_job(ctx):
    await asyncio.sleep(1)
    raise ActionError("the job failed, as this fixture always does")
