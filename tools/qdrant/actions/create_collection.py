from mcp_gateway.catalog import props

from ..app import api, app, collection_path

_DISTANCES = ["Cosine", "Dot", "Euclid", "Manhattan"]


@app.action(
    "create-collection",
    title="Create Collection",
    description=(
        "Create a Qdrant collection for vectors of one size, e.g. 1536 for OpenAI `text-embedding-3-small`. Fails if "
        "the name is taken; see existing ones with qdrant-list-collections."
    ),
    props={
        "name": props.string("Name", "The new collection's name, e.g. `documents`."),
        "size": props.integer("Vector Size", "How many numbers each vector has, the embedding model's dimension.", min=1),
        "distance": props.string("Distance", "How similarity is measured; `Cosine` suits most text embeddings.",
                                 options=_DISTANCES, optional=True, default="Cosine"),
        "onDisk": props.boolean("Vectors On Disk", "Keep the vectors on disk rather than in memory, for big collections.",
                                optional=True),
    },
)
async def create_collection(ctx):
    vectors = {"size": ctx.props.size, "distance": ctx.props.get("distance") or "Cosine"}
    if ctx.props.get("onDisk"):
        vectors["on_disk"] = True
    created = await api(ctx, "PUT", collection_path(ctx.props.name), json={"vectors": vectors})
    ctx.summary = f"Created the collection {ctx.props.name} ({vectors['size']} dimensions, {vectors['distance']})"
    return {"name": ctx.props.name, "created": bool(created), "vectors": vectors}
