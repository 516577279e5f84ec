import asyncio

from mcp_gateway.catalog import ActionError, props

from ..app import app, attachment_options, confluence, page_id


@app.action(
    "download-attachment",
    title="Download Attachment to /tmp",
    description=(
        "Download a file attached to a Confluence page and save it under `/tmp`, where later steps and File Stash "
        "can pick it up. Returns the saved path, size and media type. Find the attachment with "
        "confluence-list-attachments; to read a page's text, use confluence-get-page instead."
    ),
    props={
        "site": app.definition("site"),
        "pageId": app.definition("pageId"),
        "attachmentId": props.string(
            "Attachment",
            "The attachment's ID, e.g. `att1234567` (confluence-list-attachments lists them). The choices list the "
            "page's attachments.",
            options=attachment_options,
        ),
        "filePath": props.string(
            "Save As",
            "Where to save the file, under `/tmp`, e.g. `/tmp/report.pdf`. Defaults to `/tmp/` plus the attachment's name.",
            optional=True,
        ),
    },
    read_only=True,
    stash="optional",
)
async def download_attachment(ctx):
    pid = page_id(ctx.props.pageId)
    att = str(ctx.props.attachmentId).strip()
    if not att.startswith("att"):
        att = f"att{att}"
    meta = (await confluence(ctx, "GET", f"/api/v2/attachments/{att}")).json()
    if meta.get("pageId") and str(meta["pageId"]) != pid:
        raise ActionError(f"attachment {att} belongs to page {meta['pageId']}, not {pid}; pass that page ID")
    name = (meta.get("title") or att).replace("/", "_")
    save_as = ctx.props.get("filePath") or f"/tmp/{name}"
    target = ctx.tmp_path(save_as)
    response = await confluence(ctx, "GET", f"/rest/api/content/{pid}/child/attachment/{att}/download")
    await asyncio.to_thread(_save, target, response.content)
    size = len(response.content)
    ctx.summary = f"Downloaded {name} ({size} bytes) from Confluence page {pid} to {save_as}"
    return {
        "filePath": save_as,
        "size": size,
        "title": meta.get("title"),
        "media_type": meta.get("mediaType") or response.headers.get("content-type"),
        "attachment_id": att,
    }


def _save(target, content):
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(content)
