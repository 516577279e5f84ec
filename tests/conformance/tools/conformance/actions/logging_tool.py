from ..app import app, fixture


@app.action(
    "logging-tool",
    title="Logs One Line",
    description=fixture("server-stateless", "Logs one info message, which reaches only a client that asked "
                        "for a log level."),
    tool_name="test_logging_tool",
    read_only=True,
)
async def logging_tool(ctx):
    ctx.log("Diagnostic trace logging activated", level="info")
    return "Logging evaluated"
