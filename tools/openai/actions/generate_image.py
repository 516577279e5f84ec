import base64
import binascii
from pathlib import PurePosixPath

from mcp_gateway.catalog import ActionError, props

from ..app import app, call, model_prop, save_tmp_file

_SIZES = ["auto", "1024x1024", "1536x1024", "1024x1536", "256x256", "512x512", "1792x1024", "1024x1792"]


@app.action(
    "generate-image",
    title="Generate Image",
    description=(
        "Create one or more images from a text prompt with an OpenAI image model (gpt-image-1 or DALL·E) and save "
        "them under /tmp, where later steps can use them. Returns the saved file paths and sizes. For spoken audio "
        "instead, use openai-create-speech."
    ),
    props={
        "prompt": props.string(
            "Prompt",
            "A description of the image, e.g. `A watercolor lighthouse at dawn, soft pastel colors, no text`.",
        ),
        "model": model_prop(
            "image",
            "The image model: `gpt-image-1` (best quality), `dall-e-3` or `dall-e-2`.",
            default="gpt-image-1",
        ),
        "filePath": props.string(
            "File Path",
            "Where to save the image under /tmp, e.g. `/tmp/lighthouse.png`. With several images, `-1`, `-2`... "
            "are added before the extension. Defaults to `/tmp/image.<format>`.",
            optional=True,
        ),
        "size": props.string(
            "Size",
            "Width x height in pixels. gpt-image-1: `1024x1024`, `1536x1024`, `1024x1536` or `auto`; dall-e-3: "
            "`1024x1024`, `1792x1024`, `1024x1792`; dall-e-2: `256x256`, `512x512`, `1024x1024`.",
            options=_SIZES,
            optional=True,
        ),
        "quality": props.string(
            "Quality",
            "gpt-image-1: `low`, `medium`, `high` or `auto`; dall-e-3: `standard` or `hd`.",
            options=["auto", "low", "medium", "high", "standard", "hd"],
            optional=True,
        ),
        "n": props.integer("Number of Images", "How many images to make (dall-e-3 makes only 1).", min=1, max=10, default=1),
        "background": props.string(
            "Background",
            "gpt-image-1 only: `transparent` (needs png or webp), `opaque` or `auto`.",
            options=["auto", "transparent", "opaque"],
            optional=True,
        ),
        "outputFormat": props.string(
            "Output Format",
            "gpt-image-1 only: the file format, `png` (default), `jpeg` or `webp`. DALL·E images are always png.",
            options=["png", "jpeg", "webp"],
            optional=True,
        ),
    },
    stash="optional",
)
async def generate_image(ctx):
    model = ctx.props.model
    dall_e = model.startswith("dall-e")
    body = {"model": model, "prompt": ctx.props.prompt, "n": ctx.props.n}
    for name, field in (("size", "size"), ("quality", "quality"), ("background", "background"), ("outputFormat", "output_format")):
        if ctx.props.get(name):
            body[field] = ctx.props[name]
    if dall_e:
        body["response_format"] = "b64_json"  # the GPT image models always answer in base64
    data = await call(ctx, "POST", "/images/generations", json=body)
    images = data.get("data") or []
    if not images:
        raise ActionError("OpenAI returned no images; try a different prompt")
    fmt = "png" if dall_e else (data.get("output_format") or ctx.props.get("outputFormat") or "png")
    base = PurePosixPath(ctx.props.get("filePath") or f"/tmp/image.{fmt}")
    files = []
    for i, image in enumerate(images, start=1):
        content = await _image_bytes(ctx, image)
        path = str(base if len(images) == 1 else base.with_name(f"{base.stem}-{i}{base.suffix}"))
        await save_tmp_file(ctx, path, content)
        files.append({"filePath": path, "size": len(content)})
    ctx.summary = (
        f"Generated {len(files)} image{'s' if len(files) != 1 else ''} with {model}, saved to "
        f"{', '.join(f['filePath'] for f in files)}"
    )
    result = {"model": model, "files": files}
    revised = [image["revised_prompt"] for image in images if image.get("revised_prompt")]
    if revised:
        result["revised_prompt"] = revised[0]
    for key in ("size", "quality", "background", "output_format", "usage"):
        if data.get(key) is not None:
            result[key] = data[key]
    return result


async def _image_bytes(ctx, image):
    if image.get("b64_json"):
        try:
            return base64.b64decode(image["b64_json"], validate=True)
        except (binascii.Error, ValueError):
            raise ActionError("OpenAI returned an image that is not valid base64") from None
    if image.get("url"):
        return (await ctx.http.get(image["url"])).content
    raise ActionError("OpenAI returned an image without data or URL")
