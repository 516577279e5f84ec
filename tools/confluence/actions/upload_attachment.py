import asyncio
import mimetypes

from mcp_gateway.catalog import ActionError, props

from ..app import app, confluence, page_id, site_base, web_url


@app.action(
    "upload-attachment",
    title="Upload Attachment to Page",
    description=(
        "Attach a file from /tmp to a Confluence page. A file with the same name on the page gets a new version. "
        "The file comes from /tmp: a path an earlier step saved (pass that step's stash_id) or the file_id of an "
        "uploaded file. Returns the attachment's ID, name, size and URL. To see what is attached already, use "
        "confluence-list-attachments."
    ),
    props={
        "site": app.definition("site"),
        "pageId": app.definition("pageId"),
        "filePath": props.string(
            "File",
            "The file to attach: a path under /tmp such as `/tmp/report.pdf` saved by an earlier step with the same "
            "stash_id, or the `file_...` id of a file sent to the gateway.",
        ),
        "comment": props.string("Comment", "A note saved with the attachment, e.g. `Q2 figures`.", optional=True),
        "minorEdit": props.boolean(
            "Minor Edit", "Do not notify page watchers about the new attachment.", default=True
        ),
    },
    stash="optional",
)
async def upload_attachment(ctx):
    pid = page_id(ctx.props.pageId)
    path = ctx.tmp_path(ctx.props.filePath)
    try:
        data = await asyncio.to_thread(path.read_bytes)
    except (FileNotFoundError, IsADirectoryError):
        raise ActionError(
            f"{ctx.props.filePath} is not a file in /tmp; pass the stash_id of the step that saved it, or a file_id "
            "as the file"
        ) from None
    media_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    form = {"minorEdit": "true" if ctx.props.minorEdit else "false"}
    if ctx.props.get("comment"):
        form["comment"] = ctx.props.comment
    response = await confluence(
        ctx,
        "PUT",
        f"/rest/api/content/{pid}/child/attachment",
        files={"file": (path.name, data, media_type)},
        data=form,
        # Confluence blocks multipart requests without this header (XSRF protection).
        headers={"X-Atlassian-Token": "no-check"},
    )
    result = response.json()
    attachment = (result.get("results") or [{}])[0]
    links = {**(attachment.get("_links") or {}), "base": site_base(ctx, result)}
    ctx.summary = f"Attached {path.name} ({len(data)} bytes) to Confluence page {pid}"
    return {
        "id": attachment.get("id"),
        "title": attachment.get("title", path.name),
        "size": len(data),
        "media_type": (attachment.get("extensions") or {}).get("mediaType", media_type),
        "version": (attachment.get("version") or {}).get("number"),
        "url": web_url(links),
    }
