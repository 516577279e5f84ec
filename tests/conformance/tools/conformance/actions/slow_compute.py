import asyncio

from mcp_gateway.catalog import props

from ..app import app, fixture


@app.action(
    "slow-compute",
    title="Slow Compute",
    description=fixture("tasks-lifecycle", "Works for `seconds` seconds, then answers; runs as a task."),
    props={"seconds": props.integer("Seconds", "How long to work (0 answers at once).", optional=True),
           "label": props.string("Label", "A name for the computation, echoed in the answer.", optional=True)},
    tool_name="slow_compute",
    read_only=True,
    task_support="optional",
)
async def slow_compute(ctx):
    seconds = int(ctx.props.get("seconds") or 0)
    await asyncio.sleep(seconds)
    return f"Computed {ctx.props.get('label', 'it')} after {seconds} seconds."
