from ..app import app, fixture


@app.action(
    "reconnection",
    title="Reconnection",
    description=fixture("server-sse-polling", "Answers once its call's event stream has been resumed, if the "
                        "transport closed it; otherwise at once."),
    tool_name="test_reconnection",
    read_only=True,
)
async def reconnection(ctx):
    return "Reconnection test completed successfully."
