from mcp_gateway.catalog import props

from ..app import app, fixture


@app.action(
    "greet",
    title="Greet",
    description=fixture("tasks-lifecycle", "Greets by name at once; never a task."),
    props={"name": props.string("Name", "Who to greet.")},
    tool_name="greet",
    read_only=True,
)
async def greet(ctx):
    return f"Hello, {ctx.props.name}!"
