from mcp_gateway.catalog import props

from ..app import app, call, check_response, incomplete_note, output_text

_LENGTHS = {
    "short": "in one or two sentences",
    "medium": "in one short paragraph (about 100 words)",
    "long": "in a few paragraphs covering every main point",
}


@app.action(
    "summarize-text",
    title="Summarize Text",
    description=(
        "Summarize a text (an email, article, transcript, document) with an OpenAI model, at a chosen length and "
        "as prose or bullet points, optionally focusing on one aspect. Returns the summary. For any other kind of "
        "answer, use openai-create-response."
    ),
    props={
        "text": props.string("Text", "The text to summarize."),
        "length": props.string(
            "Length",
            "`short` (one or two sentences), `medium` (a paragraph) or `long` (a few paragraphs).",
            options=list(_LENGTHS),
            default="medium",
        ),
        "format": props.string(
            "Format", "`paragraph` for prose, `bullets` for a bulleted list.", options=["paragraph", "bullets"],
            default="paragraph",
        ),
        "focus": props.string(
            "Focus",
            "What the summary should concentrate on, e.g. `decisions and action items` or `risks`.",
            optional=True,
        ),
        "language": props.string(
            "Language", "Write the summary in this language, e.g. `English`. Defaults to the text's language.",
            optional=True,
        ),
        "model": app.definition("textModel"),
    },
    read_only=True,
)
async def summarize_text(ctx):
    shape = "as a bulleted list using `- `" if ctx.props.format == "bullets" else "as plain prose"
    instructions = (
        f"Summarize the text the user gives {_LENGTHS[ctx.props.length]}, {shape}. Keep the facts, names and "
        "numbers accurate and add nothing that is not in the text. Reply with the summary only."
    )
    if ctx.props.get("focus"):
        instructions += f" Concentrate on: {ctx.props.focus}."
    if ctx.props.get("language"):
        instructions += f" Write it in {ctx.props.language}."
    response = await call(
        ctx, "POST", "/responses",
        json={"model": ctx.props.model, "instructions": instructions, "input": ctx.props.text},
    )
    check_response(response)
    summary = output_text(response).strip()
    ctx.summary = f"Summarized {len(ctx.props.text)} characters into {len(summary)}{incomplete_note(response)}"
    return {"summary": summary, "model": response.get("model"), "usage": response.get("usage")}
