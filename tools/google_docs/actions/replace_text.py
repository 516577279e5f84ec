from mcp_gateway.catalog import props

from ..app import app, batch_update, document_id


@app.action(
    "replace-text",
    title="Replace Text",
    description=(
        "Replace every occurrence of some text in a Google Doc, e.g. a name or a `{{placeholder}}`. Returns how many "
        "were replaced. For a new document filled from a template, google_docs-create-document-from-template does the copy too."
    ),
    props={
        "documentId": app.definition("documentId"),
        "find": props.string("Find", "The text to look for."),
        "replaceWith": props.string("Replace With", "The text to put instead (empty removes it).", optional=True, default=""),
        "matchCase": props.boolean("Match Case", "Only replace text with the same upper and lower case.", optional=True, default=True),
    },
    idempotent=True,
)
async def replace_text(ctx):
    document = document_id(ctx.props.documentId)
    request = {"replaceAllText": {"containsText": {"text": ctx.props.find, "matchCase": bool(ctx.props.matchCase)},
                                  "replaceText": ctx.props.get("replaceWith") or ""}}
    answer = await batch_update(ctx, document, [request])
    changed = ((answer.get("replies") or [{}])[0].get("replaceAllText") or {}).get("occurrencesChanged", 0)
    ctx.summary = f"Replaced {changed} occurrence{'s' if changed != 1 else ''} of {ctx.props.find!r}"
    return {"document_id": document, "occurrences_changed": changed}
