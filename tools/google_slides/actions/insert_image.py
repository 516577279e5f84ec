from mcp_gateway.catalog import ActionError, props

from ..app import app, batch_update, edit_result, presentation_id


@app.action(
    "insert-image",
    title="Insert Image",
    description=(
        "Put an image from a public URL on a slide of a Google Slides presentation, at its own size or a given one "
        "(it lands at the slide's top left corner). Google fetches the image itself: the URL must be reachable from the "
        "internet, and the image PNG, JPEG or GIF under 50 MB and 25 megapixels. Returns the image's object ID."
    ),
    props={
        "presentationId": app.definition("presentationId"),
        "pageObjectId": app.definition("pageObjectId"),
        "imageUrl": props.string("Image URL", "A public https URL of the image, at most 2 kB long."),
        "widthPoints": props.integer("Width", "The image's width in points (72 to an inch; a slide is 720 wide); give it with the height.", min=1, optional=True),
        "heightPoints": props.integer("Height", "The image's height in points; give it with the width.", min=1, optional=True),
    },
)
async def insert_image(ctx):
    width, height = ctx.props.get("widthPoints"), ctx.props.get("heightPoints")
    if bool(width) != bool(height):
        raise ActionError("give both the width and the height, or neither for the image's own size")
    properties = {"pageObjectId": ctx.props.pageObjectId}
    if width:
        properties["size"] = {"width": {"magnitude": width, "unit": "PT"}, "height": {"magnitude": height, "unit": "PT"}}
    presentation = presentation_id(ctx.props.presentationId)
    answer = await batch_update(ctx, presentation, [{"createImage": {"url": ctx.props.imageUrl, "elementProperties": properties}}])
    image = ((answer.get("replies") or [{}])[0].get("createImage") or {}).get("objectId")
    ctx.summary = f"Inserted the image {image} on slide {ctx.props.pageObjectId}"
    return {**edit_result(presentation, answer), "image_id": image}
