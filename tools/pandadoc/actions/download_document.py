from mcp_gateway.catalog import props

from ..app import app, request, save_tmp_file, seg


@app.action(
    "download-document",
    title="Download Document PDF to /tmp",
    description=(
        "Download a PandaDoc document as a PDF and save it under /tmp for later steps (to attach to an email or store "
        "in a drive). A completed document comes with its signatures. Returns the saved path and size."
    ),
    props={
        "documentId": app.definition("documentId"),
        "filePath": props.string(
            "File Path", "Where to save it under /tmp, e.g. `/tmp/proposal.pdf`. Defaults to `/tmp/<document id>.pdf`.",
            optional=True,
        ),
    },
    stash="optional",
)
async def download_document(ctx):
    document_id = seg(ctx.props.documentId)
    path = ctx.props.get("filePath") or f"/tmp/{document_id}.pdf"
    response = await request(ctx, "GET", f"/documents/{document_id}/download")
    await save_tmp_file(ctx, path, response.content)
    size = len(response.content)
    ctx.summary = f"Downloaded {ctx.props.documentId} ({size} bytes) to {path}"
    return {"documentId": ctx.props.documentId, "filePath": path, "size": size}
