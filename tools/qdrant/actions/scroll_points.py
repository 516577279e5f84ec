from mcp_gateway.catalog import props, within

from ..app import api, app, collection_path, point_id, point_summary, query_options


@app.action(
    "scroll-points",
    title="Scroll Points",
    description=(
        "Page through the points of a Qdrant collection in ID order, optionally only those whose payload matches a "
        "filter: to export, inspect or find points by payload. For similarity search use qdrant-query-points."
    ),
    props={
        "collection": app.definition("collection"),
        "filter": app.definition("filter"),
        "limit": props.limit("points"),
        "cursor": props.cursor(),
        "withPayload": app.definition("withPayload"),
        "withVector": app.definition("withVector"),
    },
    read_only=True,
    trim=within("points", point_summary),
)
async def scroll_points(ctx):
    body = {"limit": ctx.props.limit, **query_options(ctx.props)}
    if ctx.props.get("cursor"):
        # Qdrant's cursor is the ID of the first point of the next page.
        body["offset"] = point_id(ctx.props.cursor)
    result = await api(ctx, "POST", f"{collection_path(ctx.props.collection)}/points/scroll", json=body) or {}
    points = result.get("points") or []
    following = result.get("next_page_offset")
    ctx.summary = f"Read {len(points)} point{'s' if len(points) != 1 else ''} of {ctx.props.collection}"
    return {"points": points, "next_cursor": None if following is None else str(following)}
