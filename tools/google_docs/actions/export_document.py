from mcp_gateway.catalog import ActionError, props

from ..app import DRIVE, app, docs_error, document_id, seg

_FORMATS = {"text": "text/plain", "markdown": "text/markdown", "html": "text/html"}
# Exports are cut here for the model; the user can export a long document in Google Docs itself.
MAX_CHARS = 100_000


@app.action(
    "export-document",
    title="Export Document",
    description=(
        "Get a Google Doc as Markdown, HTML or plain text, with its formatting (headings, lists, links) kept in that "
        "form. For the text with positions for editing, use google_docs-get-document."
    ),
    props={
        "documentId": app.definition("documentId"),
        "format": props.string("Format", "`markdown` (the default), `html` or `text`.", options=list(_FORMATS),
                               optional=True, default="markdown"),
    },
    read_only=True,
)
async def export_document(ctx):
    document = document_id(ctx.props.documentId)
    fmt = ctx.props.get("format") or "markdown"
    if fmt not in _FORMATS:
        raise ActionError(f"format {fmt!r} is not one of {', '.join(_FORMATS)}")
    response = await ctx.http.get(f"{DRIVE}/files/{seg(document)}/export", params={"mimeType": _FORMATS[fmt]},
                                  raise_for_status=False)
    if response.status_code >= 400:
        raise docs_error("GET", response)
    content = response.text
    ctx.summary = f"Exported the document as {fmt} ({len(content)} characters)"
    return {"document_id": document, "format": fmt, "content": content[:MAX_CHARS], "truncated": len(content) > MAX_CHARS}
