from mcp_gateway.catalog import ActionError

from ..app import api, app, message_ref, seg


@app.action(
    "add-label-to-email",
    title="Add Labels to Email",
    description=(
        "Add one or more labels to a Gmail email, e.g. a user label such as `Label_3`, or `STARRED`, `IMPORTANT`, "
        "`UNREAD` (mark as unread) or `INBOX` (move back to the inbox). Returns the email's labels afterwards. "
        "To take labels off, use gmail-remove-label-from-email; to label many emails at once, gmail-batch-modify-emails; "
        "to label a whole conversation, gmail-modify-thread."
    ),
    props={
        "messageId": app.definition("messageId"),
        "labelIds": app.definition("labelIds", description=(
            "The label IDs to add, e.g. `[\"STARRED\", \"Label_3\"]`. System labels use their names as IDs; user "
            "labels have IDs like `Label_3`, listed by gmail-list-labels."
        )),
    },
    idempotent=True,
    trim=message_ref,
)
async def add_label_to_email(ctx):
    labels = [str(l).strip() for l in ctx.props.labelIds if str(l).strip()]
    if not labels:
        raise ActionError("labelIds is empty; give at least one label ID, e.g. `[\"STARRED\"]`")
    message = await api(ctx, "POST", f"/messages/{seg(ctx.props.messageId)}/modify", json={"addLabelIds": labels})
    ctx.summary = f"Added {', '.join(labels)} to email {ctx.props.messageId}"
    return message
