from mcp_gateway.catalog import ActionError, props

from ..app import ROUTER, app, repo_id, request, save_file

_EXTENSIONS = {"image/png": "png", "image/jpeg": "jpg", "image/webp": "webp"}


@app.action(
    "text-to-image",
    title="Generate Image",
    description=(
        "Generate an image from a text prompt with an open model (FLUX, Stable Diffusion) on HF Inference, and save it "
        "under /tmp, where later steps can send or upload it. Returns the saved path, size and type."
    ),
    props={
        "model": app.definition("imageModel"),
        "prompt": props.string("Prompt", "What to draw, e.g. `a watercolor lighthouse at dawn, soft light`."),
        "negativePrompt": props.string("Negative Prompt", "What to keep out of the image, e.g. `text, blur`.", optional=True),
        "width": props.integer("Width", "Width in pixels, e.g. `1024`.", min=64, max=2048, optional=True),
        "height": props.integer("Height", "Height in pixels, e.g. `768`.", min=64, max=2048, optional=True),
        "numInferenceSteps": props.integer("Steps", "Denoising steps: more is slower and often better (FLUX.1-schnell "
                                           "needs about 4).", min=1, max=100, optional=True),
        "guidanceScale": props.any_value("Guidance Scale", "How closely to follow the prompt, e.g. `7.5`; too high distorts.",
                                         optional=True, json_schema={"type": "number", "minimum": 0}),
        "seed": props.integer("Seed", "A number for a repeatable image.", optional=True),
        "filePath": props.string("File Path", "Where to save it under /tmp, e.g. `/tmp/lighthouse.png`. Defaults to "
                                 "`/tmp/image.<extension>`.", optional=True),
    },
    stash="optional",
)
async def text_to_image(ctx):
    if not str(ctx.props.prompt or "").strip():
        raise ActionError("give a prompt describing the image")
    parameters = {field: ctx.props[prop] for prop, field in (
        ("negativePrompt", "negative_prompt"), ("width", "width"), ("height", "height"),
        ("numInferenceSteps", "num_inference_steps"), ("guidanceScale", "guidance_scale"), ("seed", "seed"))
        if ctx.props.get(prop) not in (None, "")}
    body = {"inputs": ctx.props.prompt, **({"parameters": parameters} if parameters else {})}
    model = repo_id(ctx.props.model)
    response = await request(ctx, "POST", f"{ROUTER}/hf-inference/models/{model}", json=body)
    kind = (response.headers.get("content-type") or "").split(";")[0].strip()
    if not kind.startswith("image/"):
        raise ActionError(f"{ctx.props.model} answered with {kind or 'no content type'}, not an image; pick a text-to-image model")
    path = ctx.props.get("filePath") or f"/tmp/image.{_EXTENSIONS.get(kind, 'png')}"
    await save_file(ctx, path, response.content)
    ctx.summary = f"Saved a {len(response.content)}-byte image from {ctx.props.model} to {path}"
    return {"filePath": path, "size": len(response.content), "contentType": kind, "model": ctx.props.model}
