"""The gateway side of the benchmark: an action doing `bench.workload.work`."""

from mcp_gateway.catalog import props
from workload import work  # bench/ is on PYTHONPATH when the benchmark runs

from ..app import app


@app.action(
    "echo",
    title="Echo",
    description="Echo a message back.",
    props={
        "message": props.string("Message", "Text to echo."),
        "repeat": props.integer("Repeat", "How many times.", optional=True, min=1, max=10),
    },
    read_only=True,
)
async def echo(ctx):
    ret = work(dict(ctx.props))
    ctx.summary = f"Echoed {len(ret['message'])} characters"
    return ret
