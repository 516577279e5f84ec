import asyncio

from mcp_gateway.catalog import ActionError, props

from ..app import app, field_options, record_id, request, table_path


@app.action(
    "download-attachment",
    title="Download Attachment to /tmp",
    description=(
        "Download a file attached to an Airtable record into /tmp, where later steps (and File Stash) can pick it "
        "up. Picks the attachment by ID, or the first one in the field. To attach a file instead, use "
        "airtable_oauth-upload-attachment. Returns the saved path, size and type."
    ),
    props={
        "baseId": app.definition("baseId"),
        "tableId": app.definition("tableId"),
        "recordId": app.definition("recordId"),
        "attachmentField": props.string(
            "Attachment Field", "The exact name of the record's attachment field, e.g. `Attachments`.",
            options=field_options,
        ),
        "attachmentId": props.string(
            "Attachment ID",
            "The attachment's ID (`att...`), shown in the record's field value. Leave empty for the first attachment.",
            optional=True,
        ),
        "filePath": props.string(
            "Save As",
            "Where to save the file under /tmp, e.g. `/tmp/invoice.pdf`. Defaults to /tmp/ plus the attachment's name.",
            optional=True,
        ),
    },
    read_only=True,
    stash="optional",
)
async def download_attachment(ctx):
    rec = record_id(ctx.props.recordId)
    record = await request(ctx, "GET", table_path(ctx.props.baseId, ctx.props.tableId, rec))
    field = ctx.props.attachmentField
    value = (record.get("fields") or {}).get(field)
    if not isinstance(value, list) or not value:
        raise ActionError(
            f"record {rec} has no attachments in {field!r} (field names are case-sensitive; empty fields are not returned)"
        )
    wanted = ctx.props.get("attachmentId")
    attachment = next((a for a in value if a.get("id") == wanted), None) if wanted else value[0]
    if attachment is None or not attachment.get("url"):
        known = ", ".join(f"{a.get('id')} ({a.get('filename')})" for a in value)
        raise ActionError(f"field {field!r} of record {rec} has no attachment {wanted!r}; it holds: {known}")
    filename = attachment.get("filename") or attachment.get("id") or "attachment"
    file_path = ctx.props.get("filePath") or f"/tmp/{filename.replace('/', '_')}"
    target = ctx.tmp_path(file_path)
    # Attachment URLs are signed links on airtableusercontent.com; they are fetched without the account's token.
    response = await ctx.http.get(attachment["url"])
    await asyncio.to_thread(_save, target, response.content)
    ctx.summary = f"Downloaded {filename} ({len(response.content)} bytes) to {file_path}"
    return {
        "filePath": file_path,
        "filename": filename,
        "size": len(response.content),
        "type": attachment.get("type") or response.headers.get("content-type"),
        "attachmentId": attachment.get("id"),
    }


def _save(target, content):
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(content)
