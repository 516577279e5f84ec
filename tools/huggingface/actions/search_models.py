from mcp_gateway.catalog import props, within

from ..app import SORTS, app, hub_list, listed


@app.action(
    "search-models",
    title="Search Models",
    description=(
        "Search the Hugging Face Hub for models by name and filters (task, library, author, providers that serve it), "
        "most trending first by default. Returns each model's ID, task, library, downloads and likes; read one's card "
        "data and files with huggingface-get-model."
    ),
    props={
        "search": props.string("Search", "Words in the model's ID, e.g. `llama` or `whisper`.", optional=True),
        "author": props.string("Author", "Only models of this user or organization, e.g. `meta-llama`.", optional=True),
        "pipelineTag": props.string(
            "Task", "Only models for this task, e.g. `text-generation`, `text-to-image`, `automatic-speech-recognition`, "
            "`feature-extraction`.", optional=True),
        "filter": props.string_list(
            "Tags", "Only models with all these tags, e.g. `[\"transformers\", \"en\", \"license:apache-2.0\"]`.", optional=True),
        "inferenceProvider": props.string(
            "Served By", "Only models an Inference Provider serves: `all`, or one provider such as `groq`, `together`, "
            "`hf-inference`.", optional=True),
        "sort": props.string("Sort", "Order, highest first: trending (default), downloads, likes, updated or created.",
                             options=list(SORTS), optional=True, default="trending"),
        "limit": props.limit("models"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("models", lambda m: listed("model", m)),
)
async def search_models(ctx):
    params = {"search": ctx.props.get("search"), "author": ctx.props.get("author"),
              "pipeline_tag": ctx.props.get("pipelineTag"), "filter": list(ctx.props.get("filter") or []),
              "inference_provider": ctx.props.get("inferenceProvider"), "sort": SORTS[ctx.props.get("sort") or "trending"]}
    models, following = await hub_list(ctx, "/models", params=params, limit=ctx.props.limit, cursor=ctx.props.get("cursor"))
    ctx.summary = f"Found {len(models)} models" + (" (more remain)" if following else "")
    return {"models": models, "next_cursor": following}
