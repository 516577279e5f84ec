import asyncio
import mimetypes

from mcp_gateway.catalog import ActionError, props

from ..app import app, comment_event, request


def attachment_result(answer):
    attachment = (answer.get("upload") or {}).get("attachment") or {}
    return {
        "ticket_id": (answer.get("ticket") or {}).get("id"),
        "comment_id": comment_event(answer).get("id"),
        "attachment": {
            "id": attachment.get("id"),
            "file_name": attachment.get("file_name"),
            "content_type": attachment.get("content_type"),
            "size": attachment.get("size"),
            "content_url": attachment.get("content_url"),
        },
    }


@app.action(
    "add-attachment",
    title="Attach File to Ticket",
    description=(
        "Upload a file from /tmp (a path an earlier step saved — pass that step's stash_id — or the file_id of an "
        "uploaded file) and add it to a Zendesk ticket in a new comment, public or internal. Returns the comment "
        "and attachment IDs. For a comment without a file use Add Comment to Ticket."
    ),
    props={
        "ticket": app.definition("ticket"),
        "filePath": props.string(
            "File",
            "The file to attach: a path under /tmp such as `/tmp/invoice.pdf` saved by an earlier step with the same "
            "stash_id, or the `file_...` id of a file sent to the gateway.",
        ),
        "body": props.string(
            "Comment", "The comment the file is attached to, e.g. `Here is the invoice you asked for.`"
        ),
        "public": props.boolean(
            "Public", "`true` for a public reply the requester sees, `false` for an internal note."
        ),
        "fileName": props.string(
            "File Name", "The name the attachment gets in Zendesk. Defaults to the file's name.", optional=True
        ),
    },
    stash="optional",
    trim=attachment_result,
)
async def add_attachment(ctx):
    path = ctx.tmp_path(ctx.props.filePath)
    try:
        data = await asyncio.to_thread(path.read_bytes)
    except (FileNotFoundError, IsADirectoryError):
        raise ActionError(
            f"{ctx.props.filePath} is not a file in /tmp; pass the stash_id of the step that saved it, or a "
            "file_id as the file"
        ) from None
    name = ctx.props.get("fileName") or path.name
    mime = mimetypes.guess_type(name)[0] or "application/binary"
    upload = (
        await request(ctx, "POST", "/uploads", params={"filename": name}, content=data, headers={"Content-Type": mime})
    ).json()["upload"]
    comment = {"body": ctx.props.body, "public": bool(ctx.props.public), "uploads": [upload["token"]]}
    answer = (await request(ctx, "PUT", f"/tickets/{ctx.props.ticket}", json={"ticket": {"comment": comment}})).json()
    kind = "a public reply" if ctx.props.public else "an internal note"
    ctx.summary = f"Attached {name} ({len(data)} bytes) to ticket #{ctx.props.ticket} in {kind}"
    return {**answer, "upload": upload}
