import json

from mcp_gateway.catalog import ActionError, props

from ..app import app, call, check_response, output_text


@app.action(
    "classify-text",
    title="Classify Text",
    description=(
        "Sort a text into one (or several) of the categories you give, with an OpenAI model, e.g. route a support "
        "ticket to `billing`, `bug` or `feature request`, or tag sentiment. The answer is guaranteed to be among "
        "the categories. Returns the chosen categories and a one-sentence reason. To check for harmful content, "
        "openai-create-moderation is free and purpose-built."
    ),
    props={
        "text": props.string("Text", "The text to classify, e.g. a customer email or a review."),
        "categories": props.string_list(
            "Categories",
            "The possible categories, e.g. `[\"billing\", \"bug\", \"feature request\", \"other\"]`.",
        ),
        "multiple": props.boolean(
            "Allow Several",
            "`true` lets the model pick every category that applies; `false` picks exactly one.",
            default=False,
        ),
        "instructions": props.string(
            "Guidance",
            "Extra rules for choosing, e.g. `Refund requests count as billing`.",
            optional=True,
        ),
        "model": app.definition("textModel"),
    },
    read_only=True,
)
async def classify_text(ctx):
    categories = list(dict.fromkeys(c.strip() for c in ctx.props.categories if c and c.strip()))
    if len(categories) < 2:
        raise ActionError("give at least two different categories to choose from")
    multiple = bool(ctx.props.multiple)
    choice = {"type": "string", "enum": categories}
    picked = {"type": "array", "items": choice} if multiple else choice
    schema = {
        "type": "object",
        "properties": {"reason": {"type": "string"}, "categories" if multiple else "category": picked},
        "required": ["reason", "categories" if multiple else "category"],
        "additionalProperties": False,
    }
    instructions = (
        "Classify the text the user gives into "
        + ("every one of the categories that applies" if multiple else "exactly one of the categories")
        + ": " + ", ".join(json.dumps(c) for c in categories)
        + ". Give the reason in one sentence."
    )
    if ctx.props.get("instructions"):
        instructions += f" {ctx.props.instructions}"
    response = await call(
        ctx, "POST", "/responses",
        json={
            "model": ctx.props.model,
            "instructions": instructions,
            "input": ctx.props.text,
            "text": {"format": {"type": "json_schema", "name": "classification", "schema": schema, "strict": True}},
        },
    )
    check_response(response)
    try:
        answer = json.loads(output_text(response))
    except ValueError:
        raise ActionError(f"the model did not return a classification: {output_text(response)[:200]!r}") from None
    chosen = answer.get("categories") if multiple else [answer.get("category")]
    chosen = [c for c in chosen or [] if c in categories]
    ctx.summary = f"Classified the text as {', '.join(chosen) or 'none of the categories'}"
    result = {"categories": chosen, "reason": answer.get("reason"), "model": response.get("model")}
    if not multiple:
        result["category"] = chosen[0] if chosen else None
    return result
