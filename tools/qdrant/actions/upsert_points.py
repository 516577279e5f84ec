from mcp_gateway.catalog import ActionError, props

from ..app import api, app, collection_path, point_id


@app.action(
    "upsert-points",
    title="Upsert Points",
    description=(
        "Add points (a vector and a JSON payload each) to a Qdrant collection, replacing points that have the same "
        "ID. Vectors must have the collection's size (see qdrant-get-collection)."
    ),
    props={
        "collection": app.definition("collection"),
        "points": props.object_list(
            "Points", "The points, each `{\"id\": 1, \"vector\": [0.05, 0.61, ...], \"payload\": {\"city\": \"London\"}}`. "
            "An ID is an unsigned integer or a UUID; a named-vector collection takes `vector` as `{\"name\": [...]}`.",
        ),
        "wait": app.definition("wait"),
    },
    idempotent=True,
    destructive=True,
)
async def upsert_points(ctx):
    points = []
    for index, point in enumerate(ctx.props.points or []):
        if point.get("id") in (None, "") or point.get("vector") is None:
            raise ActionError(f"point {index} needs an `id` and a `vector`")
        points.append({**point, "id": point_id(point["id"])})
    if not points:
        raise ActionError("give at least one point")
    result = await api(ctx, "PUT", f"{collection_path(ctx.props.collection)}/points",
                       params={"wait": str(ctx.props.get("wait", True)).lower()}, json={"points": points})
    ctx.summary = f"Upserted {len(points)} point{'s' if len(points) != 1 else ''} into {ctx.props.collection}"
    return result
