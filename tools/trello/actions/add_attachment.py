import asyncio
import mimetypes

from mcp_gateway.catalog import ActionError, props

from ..app import app, card_ref, request


def _summary(attachment):
    return {
        "id": attachment.get("id"),
        "name": attachment.get("name"),
        "url": attachment.get("url"),
        "bytes": attachment.get("bytes"),
        "mimeType": attachment.get("mimeType"),
        "isUpload": attachment.get("isUpload"),
        "date": attachment.get("date"),
    }


@app.action(
    "add-attachment",
    title="Add Attachment to Card",
    description=(
        "Attach a file from /tmp to a Trello card (a path an earlier step saved — pass that step's stash_id — "
        "or the file_id of an uploaded file), or attach a link. Returns the attachment's ID, name, size and URL."
    ),
    props={
        "card": app.definition("card"),
        "filePath": props.string(
            "File",
            "The file to attach: a path under /tmp such as `/tmp/report.pdf` saved by an earlier step with the same "
            "stash_id, or the `file_...` id of a file sent to the gateway. Leave empty to attach a link instead.",
            optional=True,
        ),
        "url": props.string(
            "Link",
            "A URL to attach instead of a file, starting with `http://` or `https://`.",
            optional=True,
        ),
        "name": props.string("Name", "The attachment's name on the card. Defaults to the file name.", optional=True),
        "mimeType": props.string(
            "MIME Type",
            "The file's type, e.g. `application/pdf`. Guessed from the file name when empty.",
            optional=True,
        ),
        "setCover": props.boolean("Use as Cover", "`true` to show this image as the card's cover.", default=False),
    },
    stash="optional",
    trim=_summary,
)
async def add_attachment(ctx):
    file_path, link = ctx.props.get("filePath"), ctx.props.get("url")
    if bool(file_path) == bool(link):
        raise ActionError("give either filePath (a file in /tmp) or url (a link to attach), not both or neither")
    path = f"/cards/{card_ref(ctx.props.card)}/attachments"
    fields = {"setCover": "true" if ctx.props.setCover else "false"}
    if ctx.props.get("name"):
        fields["name"] = ctx.props.name
    if link:
        if not link.startswith(("http://", "https://")):
            raise ActionError(f"url {link!r} must start with http:// or https://")
        attachment = (await request(ctx, "POST", path, json={**fields, "url": link})).json()
        ctx.summary = f"Attached link {link} to card {ctx.props.card}"
        return attachment
    local = ctx.tmp_path(file_path)
    try:
        data = await asyncio.to_thread(local.read_bytes)
    except (FileNotFoundError, IsADirectoryError):
        raise ActionError(
            f"{file_path} is not a file in /tmp; pass the stash_id of the step that saved it, or a file_id as the file"
        ) from None
    mime = ctx.props.get("mimeType") or mimetypes.guess_type(local.name)[0] or "application/octet-stream"
    fields["mimeType"] = mime
    fields.setdefault("name", local.name)
    attachment = (await request(ctx, "POST", path, data=fields, files={"file": (local.name, data, mime)})).json()
    ctx.summary = f"Attached {local.name} ({len(data)} bytes) to card {ctx.props.card}"
    return attachment

