from mcp_gateway.catalog import ActionError

from ..app import app, fixture


@app.action(
    "error-handling",
    title="Error Handling",
    description=fixture("tools-call-error", "Always fails, so the result is a tool error."),
    tool_name="test_error_handling",
    read_only=True,
)
async def error_handling(ctx):
    raise ActionError("This tool intentionally returns an error for testing")
