from mcp_gateway.catalog import props, within

from ..app import app, collect, media_summary


@app.action(
    "list-media",
    title="List Media",
    description=(
        "List files in the site's media library (images, video, documents), newest first, with their public URLs. "
        "A media item's `id` is what a post's featured image takes (featuredMedia in wordpress_org-create-post)."
    ),
    props={
        "search": props.string("Search", "Only media whose title or caption contains these words.", optional=True),
        "mediaType": props.string("Media Type", "Only this kind of file.", options=["image", "video", "audio", "application", "text"],
                                  optional=True),
        "limit": props.limit("media items"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("media", media_summary),
)
async def list_media(ctx):
    params = {}
    if ctx.props.get("search"):
        params["search"] = ctx.props.search
    if ctx.props.get("mediaType"):
        params["media_type"] = ctx.props.mediaType
    media, total, cursor = await collect(ctx, "/media", limit=ctx.props.limit, cursor=ctx.props.get("cursor"), params=params)
    ctx.summary = f"Listed {len(media)} of {total} media item{'s' if total != 1 else ''}"
    return {"media": media, "total": total, "next_cursor": cursor}
