from mcp_gateway.catalog import ActionError, props

from ..app import api, app, file_key, node_ids


@app.action(
    "render-images",
    title="Render Images",
    description=(
        "Render frames or other layers of a Figma file as PNG, JPG, SVG or PDF images, and return a download URL for "
        "each node ID (null where rendering failed). The URLs expire after 30 days. Get node IDs from figma-get-file."
    ),
    props={
        "fileKey": app.definition("fileKey"),
        "ids": props.string_list("Node IDs", "The nodes to render, e.g. `[\"1:2\", \"1:3\"]`."),
        "format": props.string("Format", "`png` (the default), `jpg`, `svg` or `pdf`.", options=["png", "jpg", "svg", "pdf"], optional=True),
        "scale": props.string("Scale", "A scale between 0.01 and 4, e.g. `2` for double size (PNG and JPG).", optional=True),
    },
    read_only=True,
)
async def render_images(ctx):
    key = file_key(ctx.props.fileKey)
    params = {"ids": node_ids(ctx.props.ids)}
    if ctx.props.get("format"):
        params["format"] = ctx.props.format
    if ctx.props.get("scale"):
        try:
            scale = float(ctx.props.scale)
        except ValueError:
            scale = 0
        if not 0.01 <= scale <= 4:
            raise ActionError("scale must be a number between 0.01 and 4, e.g. `2`")
        params["scale"] = ctx.props.scale
    data = await api(ctx, "GET", f"/images/{key}", params=params)
    if data.get("err"):
        raise ActionError(f"Figma could not render the images: {data['err']}")
    images = data.get("images") or {}
    ctx.summary = f"Rendered {sum(1 for url in images.values() if url)} of {len(images)} images"
    return {"images": images}
