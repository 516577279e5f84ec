from mcp_gateway.catalog import props

from ..app import app, call, model_prop


def _verdict(data):
    result = (data.get("results") or [{}])[0]
    return {
        "id": data.get("id"),
        "model": data.get("model"),
        "flagged": bool(result.get("flagged")),
        "flagged_categories": [name for name, hit in (result.get("categories") or {}).items() if hit],
        "category_scores": result.get("category_scores"),
    }


@app.action(
    "create-moderation",
    title="Check Content (Moderation)",
    description=(
        "Check text with OpenAI's moderation model for harmful content: harassment, hate, self-harm, sexual "
        "content, violence, illicit activity. Free to use. Returns whether it is flagged, which categories were "
        "flagged, and a score per category. To sort text into categories of your own, use openai-classify-text."
    ),
    props={
        "input": props.string("Text", "The text to check, e.g. a user comment or a message before it is posted."),
        "model": model_prop(
            "moderation",
            "The moderation model: `omni-moderation-latest` (recommended) or `text-moderation-latest`.",
            default="omni-moderation-latest",
        ),
    },
    read_only=True,
    trim=_verdict,
)
async def create_moderation(ctx):
    data = await call(ctx, "POST", "/moderations", json={"model": ctx.props.model, "input": ctx.props.input})
    results = data.get("results") or []
    result = results[0] if results else {}
    categories = [name for name, hit in (result.get("categories") or {}).items() if hit]
    flagged = bool(result.get("flagged"))
    ctx.summary = f"Flagged for {', '.join(categories) or 'unspecified categories'}" if flagged else "Not flagged"
    return data
