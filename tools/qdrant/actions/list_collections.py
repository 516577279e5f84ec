from ..app import api, app


@app.action(
    "list-collections",
    title="List Collections",
    description="List the names of the collections in the Qdrant cluster. For one collection's size and settings use qdrant-get-collection.",
    read_only=True,
)
async def list_collections(ctx):
    result = await api(ctx, "GET", "/collections") or {}
    names = [c.get("name") for c in result.get("collections") or []]
    ctx.summary = f"Listed {len(names)} collection{'s' if len(names) != 1 else ''}"
    return {"collections": names}
