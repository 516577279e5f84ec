from mcp_gateway.catalog import ActionError

from ..app import api, app, clean_ids, seg, thread_labels


@app.action(
    "modify-thread",
    title="Change Labels of Conversation",
    description=(
        "Add and remove labels on every message of a Gmail conversation at once, e.g. archive it (remove `INBOX`), "
        "mark it read (remove `UNREAD`), star it or file it under a user label. For a single email use "
        "gmail-add-label-to-email or gmail-remove-label-from-email. Returns each message's labels afterwards."
    ),
    props={
        "threadId": app.definition("threadId"),
        "addLabelIds": app.definition("labelIds", optional=True, label="Add Labels", description=(
            "Label IDs to add, e.g. `[\"STARRED\", \"Label_3\"]`, from gmail-list-labels."
        )),
        "removeLabelIds": app.definition("labelIds", optional=True, label="Remove Labels", description=(
            "Label IDs to remove, e.g. `[\"INBOX\"]` to archive or `[\"UNREAD\"]` to mark as read."
        )),
    },
    idempotent=True,
    trim=thread_labels,
)
async def modify_thread(ctx):
    add, remove = clean_ids(ctx.props.get("addLabelIds")), clean_ids(ctx.props.get("removeLabelIds"))
    if not add and not remove:
        raise ActionError("give addLabelIds, removeLabelIds or both, e.g. removeLabelIds `[\"INBOX\"]`")
    body = {}
    if add:
        body["addLabelIds"] = add
    if remove:
        body["removeLabelIds"] = remove
    thread = await api(ctx, "POST", f"/threads/{seg(ctx.props.threadId)}/modify", json=body)
    changes = [f"added {', '.join(add)}" if add else "", f"removed {', '.join(remove)}" if remove else ""]
    ctx.summary = f"Conversation {ctx.props.threadId}: {'; '.join(c for c in changes if c)}"
    return thread
