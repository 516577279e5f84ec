from ..app import app, fixture


@app.action(
    "embedded-resource",
    title="Embedded Resource",
    description=fixture("tools-call-embedded-resource", "Returns a plain-text resource embedded in the result."),
    tool_name="test_embedded_resource",
    read_only=True,
)
async def embedded_resource(ctx):
    ctx.add_content({"type": "resource", "resource": {
        "uri": "test://embedded-resource", "mimeType": "text/plain", "text": "This is an embedded resource content.",
    }})
    return "An embedded resource follows."
