from mcp_gateway.catalog import ActionError, props

from ..app import api, app, model_summary


def _found(found):
    return {
        "models": [{**model_summary(entry.get("model") or {}), "tags": (entry.get("metadata") or {}).get("tags") or [],
                    "score": (entry.get("metadata") or {}).get("score")}
                   for entry in found.get("models") or []],
        "collections": [{"slug": c.get("slug"), "name": c.get("name"), "description": c.get("description")}
                        for c in found.get("collections") or []],
    }


@app.action(
    "search-models",
    title="Search Models",
    description=(
        "Search Replicate for models by what they do, e.g. `upscale images` or `text to speech`, best match first, with "
        "matching collections. Returns each model's `owner/name`, description, tags and run count; read one's inputs "
        "with replicate-get-model. To browse a curated set use replicate-get-collection."
    ),
    props={
        "query": props.string("Query", "What the model should do or be called, e.g. `remove background` or `flux`."),
        "limit": props.integer("Limit", "How many models to return (default 20, at most 50).", min=1, max=50, optional=True,
                               default=20),
    },
    read_only=True,
    trim=_found,
)
async def search_models(ctx):
    if not str(ctx.props.query or "").strip():
        raise ActionError("give a query to search models for")
    found = await api(ctx, "GET", "/search", params={"query": ctx.props.query, "limit": ctx.props.get("limit") or 20})
    ctx.summary = f"Found {len(found.get('models') or [])} models for {ctx.props.query!r}"
    return found
