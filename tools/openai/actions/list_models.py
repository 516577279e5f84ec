from mcp_gateway.catalog import within

from ..app import app, call


@app.action(
    "list-models",
    title="List Models",
    description=(
        "List the models this OpenAI API key can use (chat, reasoning, embedding, image, speech, transcription "
        "and moderation models, and the account's fine-tuned models). Returns each model's ID, owner and creation time, "
        "all at once (OpenAI does not page this list). Each action's model choices already list the fitting ones."
    ),
    props={},
    read_only=True,
    trim=within("models", lambda m: {"id": m.get("id"), "owned_by": m.get("owned_by"), "created": m.get("created")}),
)
async def list_models(ctx):
    data = await call(ctx, "GET", "/models")
    models = sorted(data.get("data") or [], key=lambda m: m.get("id") or "")
    ctx.summary = f"Listed {len(models)} model{'s' if len(models) != 1 else ''}"
    return {"models": models}
