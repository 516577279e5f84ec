import asyncio

from ..app import STEP_SECONDS, app, fixture


@app.action(
    "tool-with-progress",
    title="Tool With Progress",
    description=fixture("tools-call-with-progress", "Reports progress 0, 50 and 100 of 100 while it runs."),
    tool_name="test_tool_with_progress",
    read_only=True,
)
async def tool_with_progress(ctx):
    for done in (0, 50, 100):
        if done:
            await asyncio.sleep(STEP_SECONDS)
        ctx.progress(done, total=100)
    return "Reported progress 0, 50 and 100 of 100."
