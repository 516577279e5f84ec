from mcp_gateway.catalog import ActionError, props

from ..app import app, extension, request, save_audio, saved


@app.action(
    "create-sound-effect",
    title="Create Sound Effect",
    description=(
        "Generate a sound effect from a description (e.g. `heavy rain on a tin roof, distant thunder`) and save it under "
        "/tmp. Returns the saved path and size. For spoken words use elevenlabs-text-to-speech."
    ),
    props={
        "text": props.string("Description", "The sound to make, e.g. `A large wooden door creaking open in an empty castle`."),
        "durationSeconds": props.any_value(
            "Duration", "Length in seconds, from 0.5 to 30; left empty, the model picks a length that fits the description.",
            optional=True, json_schema={"type": "number", "minimum": 0.5, "maximum": 30}),
        "promptInfluence": props.any_value(
            "Prompt Influence", "0 to 1 (default 0.3): higher follows the description more closely, with less variety.",
            optional=True, json_schema={"type": "number", "minimum": 0, "maximum": 1}),
        "loop": props.boolean("Loop", "Make a sound that loops seamlessly.", optional=True),
        "outputFormat": app.definition("outputFormat"),
        "filePath": app.definition("filePath"),
    },
    stash="optional",
)
async def create_sound_effect(ctx):
    if not str(ctx.props.text or "").strip():
        raise ActionError("describe the sound to make")
    body = {"text": ctx.props.text}
    for prop, field in (("durationSeconds", "duration_seconds"), ("promptInfluence", "prompt_influence")):
        if ctx.props.get(prop) is not None:
            body[field] = ctx.props[prop]
    if ctx.props.get("loop"):
        body["loop"] = True
    fmt = ctx.props.outputFormat
    response = await request(ctx, "POST", "/v1/sound-generation", params={"output_format": fmt}, json=body)
    path = ctx.props.get("filePath") or f"/tmp/sound-effect.{extension(fmt)}"
    await save_audio(ctx, path, response.content)
    ctx.summary = f"Saved a {len(response.content)}-byte sound effect ({fmt}) to {path}"
    return saved(path, response, format=fmt)
