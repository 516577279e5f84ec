from mcp_gateway.catalog import props

from ..app import app, batch_update, document_id, edit_result


@app.action(
    "insert-image",
    title="Insert Image",
    description=(
        "Put an image from a public URL into a Google Doc, at a position or at the end. Google fetches the image itself: "
        "the URL must be reachable from the internet, and the image under 50 MB (PNG, JPEG or GIF)."
    ),
    props={
        "documentId": app.definition("documentId"),
        "imageUrl": props.string("Image URL", "A public https URL of the image."),
        "index": props.integer("Index", "Where to put it (from google_docs-get-document); leave empty for the end.", min=1, optional=True),
        "widthPoints": props.integer("Width", "The image's width in points (72 to an inch); leave empty for its own size.", min=1, optional=True),
    },
)
async def insert_image(ctx):
    document = document_id(ctx.props.documentId)
    request = {"uri": ctx.props.imageUrl}
    if ctx.props.get("index"):
        request["location"] = {"index": ctx.props.index}
    else:
        request["endOfSegmentLocation"] = {}
    if ctx.props.get("widthPoints"):
        request["objectSize"] = {"width": {"magnitude": ctx.props.widthPoints, "unit": "PT"}}
    answer = await batch_update(ctx, document, [{"insertInlineImage": request}])
    object_id = ((answer.get("replies") or [{}])[0].get("insertInlineImage") or {}).get("objectId")
    ctx.summary = "Inserted the image"
    return {**edit_result(document, answer), "object_id": object_id}
