from mcp_gateway.catalog import ActionError, props

from ..app import app, batch_update, edit_result, presentation_id


@app.action(
    "replace-text",
    title="Replace Text",
    description=(
        "Replace every occurrence of one or more texts across a Google Slides presentation (or only some slides), "
        "e.g. fill the placeholders `{{client}}` and `{{date}}`. Says how many were changed for each. To make a new "
        "deck from a template and fill it in one step, use google_slides-create-presentation-from-template."
    ),
    props={
        "presentationId": app.definition("presentationId"),
        "replacements": props.obj(
            "Replacements", "What to put for each text, e.g. `{\"{{client}}\": \"Acme\", \"2025\": \"2026\"}`. Keys are "
            "matched exactly, braces included."
        ),
        "matchCase": props.boolean("Match Case", "Match the texts' upper and lower case exactly.", optional=True, default=True),
        "pageObjectIds": props.string_list(
            "Only On Slides", "Limit the replacement to these slides (object IDs from google_slides-get-presentation); "
            "leave empty for the whole presentation.", optional=True,
        ),
    },
    idempotent=True,
)
async def replace_text(ctx):
    replacements = {str(k): str(v) for k, v in (ctx.props.replacements or {}).items()}
    if not replacements or any(not key for key in replacements):
        raise ActionError("give at least one non-empty text to replace, e.g. {\"{{client}}\": \"Acme\"}")
    match_case = ctx.props.get("matchCase", True) is not False
    requests = []
    for key, value in replacements.items():
        request = {"containsText": {"text": key, "matchCase": match_case}, "replaceText": value}
        if ctx.props.get("pageObjectIds"):
            request["pageObjectIds"] = list(ctx.props.pageObjectIds)
        requests.append({"replaceAllText": request})
    presentation = presentation_id(ctx.props.presentationId)
    answer = await batch_update(ctx, presentation, requests)
    counts = {key: (reply.get("replaceAllText") or {}).get("occurrencesChanged", 0)
              for key, reply in zip(replacements, answer.get("replies") or [])}
    ctx.summary = f"Replaced {sum(counts.values())} occurrences"
    return {**edit_result(presentation, answer), "replacements": counts}
