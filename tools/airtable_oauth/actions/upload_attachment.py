import asyncio
import base64
import mimetypes
from urllib.parse import quote

from mcp_gateway.catalog import ActionError, props

from ..app import CONTENT_API, app, base_id, record_id, request

# The upload endpoint takes files of up to 5 MB.
MAX_BYTES = 5 * 1024 * 1024


@app.action(
    "upload-attachment",
    title="Upload Attachment",
    description=(
        "Attach a file from /tmp to an attachment field of an Airtable record (up to 5 MB); it is added after the "
        "attachments already there. The file is one an earlier step saved (pass that step's stash_id) or a file "
        "sent to the gateway. For a file already online, set the field to `[{\"url\": \"https://...\"}]` with "
        "airtable_oauth-update-record instead; to fetch an attachment, airtable_oauth-download-attachment. Returns "
        "the attachment's ID, URL and size."
    ),
    props={
        "baseId": app.definition("baseId"),
        "recordId": app.definition("recordId", options=None, description=(
            "The record's ID, starting with `rec`, e.g. `recwPQIfs4wKPyc9D`, from airtable_oauth-list-records or "
            "airtable_oauth-search-records (or the `rec...` part of the record's URL)."
        )),
        "attachmentField": props.string(
            "Attachment Field",
            "The name or ID (`fld...`) of the record's attachment field, e.g. `Attachments`; airtable_oauth-list-fields "
            "shows the fields of type multipleAttachments.",
        ),
        "filePath": props.string(
            "File",
            "The file to attach: a path under /tmp such as `/tmp/invoice.pdf` saved by an earlier step with the same "
            "stash_id, or the `file_...` id of a file sent to the gateway.",
        ),
        "filename": props.string("File Name", "The name shown in Airtable. Defaults to the file's own name.", optional=True),
        "contentType": props.string(
            "Content Type", "The file's MIME type, e.g. `application/pdf`. Guessed from the name when empty.", optional=True,
        ),
    },
    stash="optional",
)
async def upload_attachment(ctx):
    path = ctx.tmp_path(ctx.props.filePath)
    try:
        data = await asyncio.to_thread(path.read_bytes)
    except (FileNotFoundError, IsADirectoryError):
        raise ActionError(
            f"{ctx.props.filePath} is not a file in /tmp; pass the stash_id of the step that saved it, or a file_id as the file"
        ) from None
    if not data:
        raise ActionError(f"{ctx.props.filePath} is empty; Airtable does not take empty files")
    if len(data) > MAX_BYTES:
        raise ActionError(
            f"{ctx.props.filePath} is {len(data)} bytes; Airtable's upload takes at most 5 MB. For larger files, set "
            "the attachment field to `[{\"url\": \"https://...\"}]` with a public URL instead"
        )
    filename = ctx.props.get("filename") or path.name
    content_type = ctx.props.get("contentType") or mimetypes.guess_type(filename)[0] or "application/octet-stream"
    field = str(ctx.props.attachmentField).strip()
    if not field:
        raise ActionError("name the attachment field")
    url = f"{CONTENT_API}/{base_id(ctx.props.baseId)}/{record_id(ctx.props.recordId)}/{quote(field, safe='')}/uploadAttachment"
    body = {"contentType": content_type, "file": base64.b64encode(data).decode(), "filename": filename}
    record = await request(ctx, "POST", url, json=body)
    # The answer keys the record's fields by field ID; the new attachment is the last one with this name.
    attachments = [a for value in (record.get("fields") or {}).values() if isinstance(value, list)
                   for a in value if isinstance(a, dict) and "filename" in a]
    mine = [a for a in attachments if a.get("filename") == filename] or attachments
    added = mine[-1] if mine else {}
    ctx.summary = f"Attached {filename} ({len(data)} bytes) to record {record.get('id')}"
    return {
        "recordId": record.get("id"),
        "attachment": {k: added.get(k) for k in ("id", "filename", "size", "type", "url")},
        "attachmentCount": len(attachments),
    }
