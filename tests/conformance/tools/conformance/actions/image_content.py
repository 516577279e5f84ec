from ..app import RED_PIXEL_PNG, app, fixture


@app.action(
    "image-content",
    title="Image Content",
    description=fixture("tools-call-image", "Returns a 1x1 red PNG image."),
    tool_name="test_image_content",
    read_only=True,
)
async def image_content(ctx):
    ctx.add_content({"type": "image", "data": RED_PIXEL_PNG, "mimeType": "image/png"})
    return "A 1x1 red PNG follows."
