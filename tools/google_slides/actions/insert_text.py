from mcp_gateway.catalog import props

from ..app import app, batch_update, edit_result, presentation_id


@app.action(
    "insert-text",
    title="Insert Text",
    description=(
        "Write text into one shape or text box of a Google Slides presentation (a slide's title or body placeholder, "
        "say), at the start of its text or at a character position. Use `\\n` for new paragraphs. To swap a placeholder "
        "such as `{{name}}` everywhere in the deck, use google_slides-replace-text instead."
    ),
    props={
        "presentationId": app.definition("presentationId"),
        "pageObjectId": app.definition("pageObjectId", optional=True, description=(
            "The slide the shape is on (its object ID), only to narrow the shape choices; it is not sent.")),
        "shapeId": app.definition("shapeId"),
        "text": props.string("Text", "The text to insert."),
        "insertionIndex": props.integer(
            "Position", "The character index in the shape's existing text to insert at, from 0; leave empty for the start.",
            min=0, optional=True,
        ),
    },
)
async def insert_text(ctx):
    request = {"objectId": ctx.props.shapeId, "text": ctx.props.text}
    if ctx.props.get("insertionIndex") is not None:
        request["insertionIndex"] = ctx.props.insertionIndex
    presentation = presentation_id(ctx.props.presentationId)
    answer = await batch_update(ctx, presentation, [{"insertText": request}])
    ctx.summary = f"Inserted {len(ctx.props.text)} characters into {ctx.props.shapeId}"
    return {**edit_result(presentation, answer), "shape_id": ctx.props.shapeId}
