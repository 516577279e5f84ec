from ..app import api, app, collection_path


def _info(info):
    params = (info.get("config") or {}).get("params") or {}
    return {
        "status": info.get("status"),
        "points_count": info.get("points_count"),
        "indexed_vectors_count": info.get("indexed_vectors_count"),
        "vectors": params.get("vectors"),
        "payload_schema": info.get("payload_schema"),
    }


@app.action(
    "get-collection",
    title="Get Collection",
    description=(
        "Read one Qdrant collection's state: its point count, its vectors' size and distance (what upserted and "
        "query vectors must match), and its indexed payload fields."
    ),
    props={"collection": app.definition("collection")},
    read_only=True,
    trim=_info,
)
async def get_collection(ctx):
    info = await api(ctx, "GET", collection_path(ctx.props.collection)) or {}
    ctx.summary = f"{ctx.props.collection}: {info.get('points_count', 0)} points, {info.get('status')}"
    return info
