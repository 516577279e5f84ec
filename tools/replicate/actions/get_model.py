from ..app import api, app, input_schema, model_path, model_summary


def _model(model):
    return {**model_summary(model), "inputs": input_schema(model.get("latest_version")),
            "github_url": model.get("github_url"), "paper_url": model.get("paper_url"), "license_url": model.get("license_url")}


@app.action(
    "get-model",
    title="Get Model",
    description=(
        "Read a Replicate model: its description, whether it is official, how often it has run, its latest version, "
        "and the inputs that version takes (name, type, description, default, allowed values), to fill in "
        "replicate-create-prediction's input."
    ),
    props={"model": app.definition("model")},
    read_only=True,
    trim=_model,
)
async def get_model(ctx):
    model = await api(ctx, "GET", model_path(ctx.props.model))
    ctx.summary = f"Read {model.get('owner')}/{model.get('name')} ({model.get('run_count')} runs)"
    return model
