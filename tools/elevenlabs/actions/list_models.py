from mcp_gateway.catalog import each

from ..app import api, app, model_summary


@app.action(
    "list-models",
    title="List Models",
    description=(
        "List the ElevenLabs models this account can use, with what each does (text to speech or voice conversion), "
        "its longest text per request and its languages, to choose the model for elevenlabs-text-to-speech."
    ),
    props={},
    read_only=True,
    trim=each(model_summary),
)
async def list_models(ctx):
    models = await api(ctx, "GET", "/v1/models")
    ctx.summary = f"Listed {len(models)} models"
    return models
