from ..app import app, folder_segment, graph, message_summary, seg


@app.action(
    "move-message",
    title="Move Email",
    description=(
        "Move an email to another folder of the connected user's mailbox, e.g. to `archive` or a project folder. "
        "The moved message gets a new ID, which is returned with its new folder. To delete a message use "
        "microsoft_outlook-delete-message; moving it to `deleteditems` keeps it restorable."
    ),
    props={
        "messageId": app.definition("messageId"),
        "destinationFolderId": app.definition(
            "folderId",
            label="Destination Folder",
            description=(
                "Where to move the message: a folder ID (the choices list the top-level folders; "
                "microsoft_outlook-list-folders lists subfolders too) or a well-known name: `inbox`, `archive`, "
                "`deleteditems`, `junkemail`, `drafts` or `sentitems`."
            ),
        ),
    },
    trim=message_summary,
)
async def move_message(ctx):
    destination = folder_segment(ctx.props.destinationFolderId)
    moved = await graph(
        ctx, "POST", f"/me/messages/{seg(ctx.props.messageId)}/move", json_body={"destinationId": destination}
    )
    ctx.summary = f"Moved \"{moved.get('subject')}\" to {ctx.props.destinationFolderId} (new ID {moved.get('id')})"
    return moved
