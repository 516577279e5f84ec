import asyncio
import mimetypes

from mcp_gateway.catalog import ActionError, each, props

from ..app import app, issue_key, jira


def _attachment_summary(attachment):
    return {
        "id": attachment.get("id"),
        "filename": attachment.get("filename"),
        "size": attachment.get("size"),
        "mime_type": attachment.get("mimeType"),
        "created": attachment.get("created"),
        "content_url": attachment.get("content"),
    }


@app.action(
    "add-attachment",
    title="Add Attachment",
    description=(
        "Attach a file from /tmp (saved by an earlier step with the same stash_id, or a `file_...` id sent to the "
        "gateway) to a Jira issue. Returns the attachment's ID, name, size and type. To mention a link instead, "
        "put it in a comment with jira-add-comment."
    ),
    props={
        "site": app.definition("site"),
        "issueKey": app.definition("issueKey"),
        "filePath": props.string("File", "The file to attach, a path under /tmp such as `/tmp/screenshot.png`."),
    },
    stash="optional",
    trim=each(_attachment_summary),
)
async def add_attachment(ctx):
    key = issue_key(ctx.props.issueKey)
    path = ctx.tmp_path(ctx.props.filePath)
    try:
        content = await asyncio.to_thread(path.read_bytes)
    except (FileNotFoundError, IsADirectoryError):
        raise ActionError(
            f"{ctx.props.filePath} is not a file in /tmp; pass the stash_id of the step that saved it"
        ) from None
    kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    # Jira refuses multipart uploads without this header, its guard against cross-site requests.
    attached = (
        await jira(ctx, "POST", f"/issue/{key}/attachments", files={"file": (path.name, content, kind)},
                   headers={"X-Atlassian-Token": "no-check"})
    ).json()
    ctx.summary = f"Attached {path.name} ({len(content)} bytes) to Jira issue {key}"
    return attached
