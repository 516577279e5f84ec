from mcp_gateway.catalog import props

from ..app import MESSAGE_FIELDS, address_of, app, graph, message_detail, seg


@app.action(
    "get-message",
    title="Get Email",
    description=(
        "Read one email in full: sender, all recipients, subject, time, flag, categories, body and its "
        "attachments' IDs, names and sizes (save one with microsoft_outlook-download-attachment). To find the "
        "message first use microsoft_outlook-list-messages; to mark it read or flag it, "
        "microsoft_outlook-update-message."
    ),
    props={
        "messageId": app.definition("messageId"),
        "bodyType": props.string(
            "Body Format",
            "`text` (the default) returns the body as plain text; `html` returns it as HTML.",
            options=["text", "html"],
            default="text",
        ),
    },
    read_only=True,
    trim=message_detail,
)
async def get_message(ctx):
    path = f"/me/messages/{seg(ctx.props.messageId)}"
    fields = MESSAGE_FIELDS + ",ccRecipients,bccRecipients,replyTo,sentDateTime,body,internetMessageId,categories,flag"
    # Outlook converts the body to the format asked for in this header.
    headers = {"Prefer": f'outlook.body-content-type="{ctx.props.bodyType}"'}
    message = await graph(ctx, "GET", path, params={"$select": fields}, headers=headers)
    if message.get("hasAttachments"):
        listed = await graph(ctx, "GET", f"{path}/attachments", params={"$select": "id,name,contentType,size,isInline"})
        message["attachments"] = listed.get("value") or []
    count = len(message.get("attachments") or [])
    ctx.summary = f"Read \"{message.get('subject')}\" from {address_of(message.get('from'))}" + (
        f" with {count} attachment(s)" if count else ""
    )
    return message
