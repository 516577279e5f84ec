from ..app import app, call


@app.action(
    "list-models",
    title="List Models",
    description=(
        "List the models this OpenAI API key can use (chat, reasoning, embedding, image, speech, transcription "
        "and moderation models, and the account's fine-tuned models). Returns each model's ID, owner and creation time."
    ),
    props={},
    read_only=True,
)
async def list_models(ctx):
    data = await call(ctx, "GET", "/models")
    models = sorted(
        ({"id": m.get("id"), "owned_by": m.get("owned_by"), "created": m.get("created")} for m in data.get("data") or []),
        key=lambda m: m["id"] or "",
    )
    ctx.summary = f"Listed {len(models)} model{'s' if len(models) != 1 else ''}"
    return models
