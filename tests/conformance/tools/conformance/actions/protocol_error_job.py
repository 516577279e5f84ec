from ..app import app, fixture


@app.action(
    "protocol-error-job",
    title="Protocol Error Job",
    description=fixture("tasks-lifecycle", "Runs as a task that fails with a protocol error: it asks for the "
                        "client's roots, which the scenario's client does not declare."),
    tool_name="protocol_error_job",
    read_only=True,
    task_support="optional",
)
async def protocol_error_job(ctx):
    await ctx.list_roots()
    return "the client answered roots/list after all"
