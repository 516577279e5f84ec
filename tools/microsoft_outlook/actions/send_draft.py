from ..app import app, graph, seg


@app.action(
    "send-draft",
    title="Send Draft",
    description=(
        "Send an email saved in Drafts, e.g. one made with microsoft_outlook-create-draft, as it stands. It moves "
        "to Sent Items. To send a new message without a draft use microsoft_outlook-send-email."
    ),
    props={
        "messageId": app.definition(
            "messageId",
            label="Draft ID",
            description=(
                "The draft's message ID, as microsoft_outlook-create-draft returned it, or from "
                "microsoft_outlook-list-messages with folderId `drafts`."
            ),
        ),
    },
)
async def send_draft(ctx):
    await graph(ctx, "POST", f"/me/messages/{seg(ctx.props.messageId)}/send")
    ctx.summary = f"Sent draft {ctx.props.messageId[:24]}..."
    return {"sent": True, "messageId": ctx.props.messageId}
