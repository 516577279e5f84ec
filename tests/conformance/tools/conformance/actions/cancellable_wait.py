import asyncio
from pathlib import Path

from mcp_gateway.catalog import props

from ..app import app


@app.action(
    "cancellable-wait",
    title="Cancellable Wait",
    description="Waits up to `seconds`; when the call is cancelled first, writes `cancelled` to the file at "
                "`marker`. The gateway's own tests use it to see that a cancellation stops the run.",
    props={"seconds": props.integer("Seconds", "How long to wait."),
           "marker": props.string("Marker", "A file path the test reads.")},
    tool_name="test_cancellable_wait",
    read_only=True,
)
async def cancellable_wait(ctx):
    try:
        await asyncio.sleep(ctx.props.seconds)
    except asyncio.CancelledError:
        Path(ctx.props.marker).write_text("cancelled")
        raise
    return "waited"
