from mcp_gateway.catalog import ActionError, props

from ..app import api, app, cut, model_name, model_path, prediction_summary

_DONE = ("succeeded", "failed", "canceled", "aborted")


async def _version(ctx, model):
    """`owner/name` for official models, which run without a version; else the latest version."""
    if ctx.props.get("version"):
        return f"{model}:{str(ctx.props.version).strip()}"
    found = await api(ctx, "GET", model_path(model))
    if found.get("is_official"):
        return model
    latest = (found.get("latest_version") or {}).get("id")
    if not latest:
        raise ActionError(f"{model} has no version to run yet; pick another model")
    return f"{model}:{latest}"


@app.action(
    "create-prediction",
    title="Run a Model",
    description=(
        "Run a Replicate model on an input and, by default, wait up to 60 seconds for its output: image and audio "
        "models return file URLs, language models text. Returns the prediction's ID, status and output; when the model "
        "is still running, call replicate-get-prediction with the ID later. Find a model with replicate-search-models "
        "and its inputs with replicate-get-model (the `inputs` field)."
    ),
    props={
        "model": app.definition("model"),
        "version": props.string(
            "Version",
            "A 64-character version ID from replicate-list-model-versions, to pin one. Leave empty to run the latest "
            "version (official models run without one).",
            optional=True),
        "input": props.obj(
            "Input",
            "The model's inputs as JSON, named as replicate-get-model lists them, e.g. `{\"prompt\": \"an astronaut riding "
            "a horse\", \"aspect_ratio\": \"16:9\"}`. Files go in as HTTPS URLs or data URIs."),
        "wait": props.integer(
            "Wait Seconds", "How long to wait for the output, 1 to 60 (default 60); 0 returns at once with the "
            "prediction still running.", min=0, max=60, optional=True, default=60),
        "cancelAfter": props.string(
            "Cancel After", "Cancel the prediction if it runs longer than this, e.g. `30s`, `5m` or `1h`.", optional=True),
        "webhook": props.string("Webhook URL", "An HTTPS URL Replicate calls with the prediction as it changes.", optional=True),
        "webhookEventsFilter": props.string_list(
            "Webhook Events", "Which events call the webhook: any of `start`, `output`, `logs`, `completed` (default output "
            "and completed).", optional=True),
    },
    trim=lambda p: {**prediction_summary(p), "logs": cut(p.get("logs"))} if p.get("status") == "failed" else prediction_summary(p),
)
async def create_prediction(ctx):
    model = model_name(ctx.props.model)
    body = {"version": await _version(ctx, model), "input": ctx.props.input or {}}
    if ctx.props.get("webhook"):
        body["webhook"] = ctx.props.webhook
    if ctx.props.get("webhookEventsFilter"):
        body["webhook_events_filter"] = list(ctx.props.webhookEventsFilter)
    headers = {}
    wait = ctx.props.get("wait")
    if wait:
        headers["Prefer"] = f"wait={wait}"
    if ctx.props.get("cancelAfter"):
        headers["Cancel-After"] = ctx.props.cancelAfter
    prediction = await api(ctx, "POST", "/predictions", json=body, headers=headers)
    status = prediction.get("status")
    if status in _DONE:
        ctx.summary = f"Ran {model}: {status}" + (f" ({prediction['error']})" if prediction.get("error") else "")
    else:
        ctx.summary = f"Started {model} as prediction {prediction.get('id')} ({status}); check it with replicate-get-prediction"
    return prediction
