from mcp_gateway.catalog import props

from ..app import api, app, presentation_id, seg


@app.action(
    "get-slide-thumbnail",
    title="Get Slide Thumbnail",
    description=(
        "Render one slide of a Google Slides presentation as a PNG image and return a link to it, with its size in "
        "pixels. The link lasts 30 minutes, and anyone holding it sees the image as the user would. Use it to show or check a slide; for its text, "
        "google_slides-get-presentation."
    ),
    props={
        "presentationId": app.definition("presentationId"),
        "pageObjectId": app.definition("pageObjectId"),
        "size": props.string(
            "Size", "`LARGE` (1600 px wide), `MEDIUM` (800 px) or `SMALL` (200 px).",
            options=["LARGE", "MEDIUM", "SMALL"], optional=True, default="LARGE",
        ),
    },
    read_only=True,
)
async def get_slide_thumbnail(ctx):
    presentation = presentation_id(ctx.props.presentationId)
    thumbnail = await api(
        ctx, "GET", f"/presentations/{seg(presentation)}/pages/{seg(ctx.props.pageObjectId)}/thumbnail",
        params={"thumbnailProperties.mimeType": "PNG", "thumbnailProperties.thumbnailSize": ctx.props.get("size") or "LARGE"},
    )
    ctx.summary = f"Rendered slide {ctx.props.pageObjectId} ({thumbnail.get('width')}×{thumbnail.get('height')} px)"
    return {"slide_id": ctx.props.pageObjectId, "content_url": thumbnail.get("contentUrl"),
            "width": thumbnail.get("width"), "height": thumbnail.get("height")}
