from ..app import app, fixture


@app.action(
    "simple-text",
    title="Simple Text",
    description=fixture("tools-call-simple-text", "Returns one line of text."),
    tool_name="test_simple_text",
    read_only=True,
)
async def simple_text(ctx):
    return "This is a simple text response for testing."
