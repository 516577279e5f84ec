import asyncio

from ..app import STEP_SECONDS, app, fixture


@app.action(
    "tool-with-logging",
    title="Tool With Logging",
    description=fixture("tools-call-with-logging", "Logs three info messages while it runs."),
    tool_name="test_tool_with_logging",
    read_only=True,
)
async def tool_with_logging(ctx):
    ctx.log("Tool execution started", level="info")
    await asyncio.sleep(STEP_SECONDS)
    ctx.log("Tool processing data", level="info")
    await asyncio.sleep(STEP_SECONDS)
    ctx.log("Tool execution completed", level="info")
    return "Logged three messages."
