from mcp_gateway.catalog import props

from ..app import api, app, presentation_summary


@app.action(
    "create-presentation",
    title="Create Presentation",
    description=(
        "Create a new Google Slides presentation with a title and one title slide. To start from an existing deck with "
        "placeholders to fill, use google_slides-create-presentation-from-template; to add slides, "
        "google_slides-add-slide. Returns the new presentation's ID and URL."
    ),
    props={"title": props.string("Title", "The new presentation's title, e.g. `Q3 review`.")},
    trim=presentation_summary,
)
async def create_presentation(ctx):
    presentation = await api(ctx, "POST", "/presentations", json={"title": ctx.props.title})
    ctx.summary = f"Created the presentation {presentation.get('title')!r}"
    return presentation
