from urllib.parse import quote

from ..app import api, app, model_summary


@app.action(
    "get-collection",
    title="Get Collection",
    description=(
        "List the models of a curated Replicate collection, e.g. `text-to-image`, `super-resolution` or "
        "`speech-to-text`, with each model's `owner/name`, description and run count. To search all models by words "
        "use replicate-search-models."
    ),
    props={"collection": app.definition("collection")},
    read_only=True,
    trim=lambda c: {"slug": c.get("slug"), "name": c.get("name"), "description": c.get("description"),
                    "models": [model_summary(m) for m in c.get("models") or []]},
)
async def get_collection(ctx):
    collection = await api(ctx, "GET", f"/collections/{quote(str(ctx.props.collection).strip(), safe='')}")
    ctx.summary = f"Collection {collection.get('name')!r} has {len(collection.get('models') or [])} models"
    return collection
