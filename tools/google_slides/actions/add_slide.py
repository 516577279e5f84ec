from mcp_gateway.catalog import ActionError, props

from ..app import app, batch_update, edit_result, presentation_id

LAYOUTS = [
    "BLANK", "CAPTION_ONLY", "TITLE", "TITLE_AND_BODY", "TITLE_AND_TWO_COLUMNS", "TITLE_ONLY", "SECTION_HEADER",
    "SECTION_TITLE_AND_DESCRIPTION", "ONE_COLUMN_TEXT", "MAIN_POINT", "BIG_NUMBER",
]


@app.action(
    "add-slide",
    title="Add Slide",
    description=(
        "Add a slide to a Google Slides presentation, with one of the standard layouts (e.g. `TITLE_AND_BODY`) or one "
        "of the deck's own layouts, at the end or at a position. Its placeholders start empty: read their IDs with "
        "google_slides-get-presentation and fill them with google_slides-insert-text. Returns the new slide's ID."
    ),
    props={
        "presentationId": app.definition("presentationId"),
        "layout": props.string(
            "Layout", "A standard layout: `TITLE_AND_BODY` (a title and a bulleted body), `TITLE_ONLY`, `BLANK`, and so on. "
            "The deck's theme must have it; leave both this and Layout ID empty for `BLANK`.",
            options=LAYOUTS, optional=True,
        ),
        "layoutId": props.string(
            "Layout ID", "The object ID of one of the deck's own layouts, from google_slides-get-presentation (`layouts[].object_id`); "
            "use instead of Layout.", optional=True,
        ),
        "insertionIndex": props.integer(
            "Position", "Where to put the slide, counting from 0 for the first; leave empty for the end.", min=0, optional=True,
        ),
    },
)
async def add_slide(ctx):
    if ctx.props.get("layout") and ctx.props.get("layoutId"):
        raise ActionError("give either a standard layout or a layout ID, not both")
    request = {}
    if ctx.props.get("insertionIndex") is not None:
        request["insertionIndex"] = ctx.props.insertionIndex
    if ctx.props.get("layout"):
        request["slideLayoutReference"] = {"predefinedLayout": ctx.props.layout}
    elif ctx.props.get("layoutId"):
        request["slideLayoutReference"] = {"layoutId": ctx.props.layoutId}
    presentation = presentation_id(ctx.props.presentationId)
    answer = await batch_update(ctx, presentation, [{"createSlide": request}])
    slide = ((answer.get("replies") or [{}])[0].get("createSlide") or {}).get("objectId")
    ctx.summary = f"Added the slide {slide}"
    return {**edit_result(presentation, answer), "slide_id": slide}
