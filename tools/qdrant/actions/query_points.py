from mcp_gateway.catalog import ActionError, props, within

from ..app import api, app, collection_path, point_id, point_summary, query_options


@app.action(
    "query-points",
    title="Query Points",
    description=(
        "Find the points of a Qdrant collection nearest to a vector (semantic search), or to an existing point, "
        "optionally only those whose payload matches a filter; best matches first, with their `score`. To read "
        "points without ranking them use qdrant-scroll-points."
    ),
    props={
        "collection": app.definition("collection"),
        "vector": props.any_value(
            "Query Vector", "The vector to search near, of the collection's size, e.g. `[0.2, 0.1, 0.9, ...]` (the "
            "embedding of the search text). Give this or `pointId`.", optional=True,
        ),
        "pointId": props.string("Near Point", "Search near this existing point's vector instead, by its ID.", optional=True),
        "using": props.string("Vector Name", "In a collection with named vectors, which one to search.", optional=True),
        "filter": app.definition("filter"),
        "scoreThreshold": props.any_value("Minimum Score", "Leave out matches scoring below this, e.g. `0.75`.", optional=True),
        "limit": props.limit("points", default=10),
        "withPayload": app.definition("withPayload"),
        "withVector": app.definition("withVector"),
    },
    read_only=True,
    trim=within("points", point_summary),
)
async def query_points(ctx):
    if ctx.props.get("vector") is None and not ctx.props.get("pointId"):
        raise ActionError("give a query `vector` (an embedding) or a `pointId` to search near")
    query = point_id(ctx.props.pointId) if ctx.props.get("pointId") else ctx.props.vector
    body = {"query": query, "limit": ctx.props.limit, **query_options(ctx.props)}
    if ctx.props.get("using"):
        body["using"] = ctx.props.using
    if ctx.props.get("scoreThreshold") is not None:
        body["score_threshold"] = ctx.props.scoreThreshold
    result = await api(ctx, "POST", f"{collection_path(ctx.props.collection)}/points/query", json=body) or {}
    points = result.get("points") or []
    ctx.summary = f"Found {len(points)} point{'s' if len(points) != 1 else ''} in {ctx.props.collection}"
    return {"points": points}
