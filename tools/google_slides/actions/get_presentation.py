from ..app import api, app, presentation_id, presentation_summary, seg


@app.action(
    "get-presentation",
    title="Get Presentation",
    description=(
        "Read a Google Slides presentation: its title, and each slide in order with its object ID and the text of its "
        "shapes (titles, bodies, text boxes; images and tables by ID only), plus the deck's layouts. The slide and shape "
        "IDs are what google_slides-insert-text, google_slides-insert-image and google_slides-get-slide-thumbnail take. "
        "With Full Response, the presentation's complete structure with styles and positions."
    ),
    props={"presentationId": app.definition("presentationId")},
    read_only=True,
    trim=presentation_summary,
)
async def get_presentation(ctx):
    presentation = await api(ctx, "GET", f"/presentations/{seg(presentation_id(ctx.props.presentationId))}")
    ctx.summary = f"Read the presentation {presentation.get('title')!r} ({len(presentation.get('slides') or [])} slides)"
    return presentation
