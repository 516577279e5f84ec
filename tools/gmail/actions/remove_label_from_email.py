from mcp_gateway.catalog import ActionError

from ..app import api, app, message_ref, seg


@app.action(
    "remove-label-from-email",
    title="Remove Labels from Email",
    description=(
        "Remove one or more labels from a Gmail email: e.g. `UNREAD` to mark it as read, `INBOX` to archive it, "
        "`STARRED` to unstar it, or a user label such as `Label_3`. Returns the email's labels afterwards. To change "
        "many emails at once, use gmail-batch-modify-emails; for a whole conversation, gmail-modify-thread."
    ),
    props={
        "messageId": app.definition("messageId"),
        "labelIds": app.definition("labelIds", description=(
            "The label IDs to remove, e.g. `[\"UNREAD\"]` or `[\"INBOX\"]`. System labels use their names as IDs; "
            "user labels have IDs like `Label_3`, listed by gmail-list-labels."
        )),
    },
    idempotent=True,
    trim=message_ref,
)
async def remove_label_from_email(ctx):
    labels = [str(l).strip() for l in ctx.props.labelIds if str(l).strip()]
    if not labels:
        raise ActionError("labelIds is empty; give at least one label ID, e.g. `[\"UNREAD\"]`")
    message = await api(ctx, "POST", f"/messages/{seg(ctx.props.messageId)}/modify", json={"removeLabelIds": labels})
    ctx.summary = f"Removed {', '.join(labels)} from email {ctx.props.messageId}"
    return message
