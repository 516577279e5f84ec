from mcp_gateway.catalog import props

from ..app import api, app, files, listed, repo_id


def _providers(mapping):
    """The providers serving the model; the Hub gives them keyed by provider or as a list."""
    if isinstance(mapping, dict):
        return [{"provider": name, **(info if isinstance(info, dict) else {})} for name, info in mapping.items()]
    return [m for m in mapping or [] if isinstance(m, dict)]


def _model(model):
    card = model.get("cardData") or {}
    return {
        **listed("model", model),
        "sha": model.get("sha"),
        "created_at": model.get("createdAt"),
        "tags": model.get("tags") or [],
        "license": card.get("license"),
        "base_model": card.get("base_model"),
        "languages": card.get("language"),
        "files": files(model),
        "inference_providers": [{"provider": p.get("provider"), "status": p.get("status"), "task": p.get("task")}
                                for p in _providers(model.get("inferenceProviderMapping"))],
    }


@app.action(
    "get-model",
    title="Get Model",
    description=(
        "Read a model on the Hugging Face Hub: task, library, license, base model, languages, downloads and likes, its "
        "files, and which Inference Providers serve it (to use in huggingface-chat-completion). Find models with "
        "huggingface-search-models."
    ),
    props={
        "modelId": props.string(
            "Model ID", "The model's `owner/name`, as in its page's URL (huggingface.co/owner/name), e.g. "
            "`mistralai/Mistral-7B-Instruct-v0.3`; from huggingface-search-models."),
    },
    read_only=True,
    trim=_model,
)
async def get_model(ctx):
    model = await api(ctx, "GET", f"/models/{repo_id(ctx.props.modelId)}",
                      params={"expand": ["author", "cardData", "createdAt", "downloads", "gated", "inferenceProviderMapping",
                                           "lastModified", "library_name", "likes", "pipeline_tag", "private", "sha",
                                           "siblings", "tags", "trendingScore"]})
    ctx.summary = f"Read {model.get('id')} ({model.get('pipeline_tag')}, {model.get('downloads')} downloads)"
    return model
