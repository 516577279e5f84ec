from mcp_gateway.catalog import ActionError, props

from ..app import app, clean_ids, request

_MAX_IDS = 1000  # Gmail's limit for one batchModify call


@app.action(
    "batch-modify-emails",
    title="Change Labels of Many Emails",
    description=(
        "Add and remove labels on many Gmail emails in one call (up to 1,000), e.g. mark a set as read (remove "
        "`UNREAD`), archive them (remove `INBOX`) or file them under a user label. Get the IDs from gmail-find-email. "
        "For one email, gmail-add-label-to-email and gmail-remove-label-from-email also return its labels afterwards; "
        "this one returns nothing from Gmail but the count."
    ),
    props={
        "messageIds": props.string_list(
            "Emails",
            "The Gmail IDs of the emails to change, e.g. `[\"18f2a3b4c5d6e7f8\", \"18f29c8d7e6f5a4b\"]`, as returned by "
            "gmail-find-email (`id` of each message). At most 1,000.",
        ),
        "addLabelIds": app.definition("labelIds", optional=True, label="Add Labels", description=(
            "Label IDs to add, e.g. `[\"STARRED\", \"Label_3\"]`, from gmail-list-labels."
        )),
        "removeLabelIds": app.definition("labelIds", optional=True, label="Remove Labels", description=(
            "Label IDs to remove, e.g. `[\"UNREAD\"]` to mark as read or `[\"INBOX\"]` to archive."
        )),
    },
    idempotent=True,
)
async def batch_modify_emails(ctx):
    ids = clean_ids(ctx.props.messageIds)
    add, remove = clean_ids(ctx.props.get("addLabelIds")), clean_ids(ctx.props.get("removeLabelIds"))
    if not ids:
        raise ActionError("messageIds is empty; give the IDs gmail-find-email returned")
    if len(ids) > _MAX_IDS:
        raise ActionError(f"messageIds has {len(ids)} IDs; Gmail takes at most {_MAX_IDS} a call, so split them")
    if not add and not remove:
        raise ActionError("give addLabelIds, removeLabelIds or both, e.g. removeLabelIds `[\"UNREAD\"]`")
    body = {"ids": ids}
    if add:
        body["addLabelIds"] = add
    if remove:
        body["removeLabelIds"] = remove
    await request(ctx, "POST", "/messages/batchModify", json=body)
    changes = [f"added {', '.join(add)}" if add else "", f"removed {', '.join(remove)}" if remove else ""]
    ctx.summary = f"Changed {len(ids)} email{'s' if len(ids) != 1 else ''}: {'; '.join(c for c in changes if c)}"
    return {"modified": len(ids), "addLabelIds": add, "removeLabelIds": remove}
