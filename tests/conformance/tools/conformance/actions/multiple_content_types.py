import json

from ..app import RED_PIXEL_PNG, app, fixture


@app.action(
    "multiple-content-types",
    title="Multiple Content Types",
    description=fixture("tools-call-mixed-content", "Returns text, an image and an embedded JSON resource."),
    tool_name="test_multiple_content_types",
    read_only=True,
)
async def multiple_content_types(ctx):
    ctx.add_content({"type": "image", "data": RED_PIXEL_PNG, "mimeType": "image/png"})
    ctx.add_content({"type": "resource", "resource": {
        "uri": "test://mixed-content-resource", "mimeType": "application/json",
        "text": json.dumps({"test": "data", "value": 123}),
    }})
    return "Multiple content types test:"
