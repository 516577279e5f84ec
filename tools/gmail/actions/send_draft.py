from ..app import DRAFT_NOT_FOUND, api, app, message_ref


@app.action(
    "send-draft",
    title="Send Draft",
    description=(
        "Send a draft saved in the connected Gmail mailbox (by gmail-create-draft, gmail-reply-to-email with "
        "saveAsDraft, or the user), exactly as it stands; the draft then leaves the Drafts folder. To send a new "
        "email without a draft, use gmail-send-email. Returns the sent message's ID, thread ID and labels."
    ),
    props={"draftId": app.definition("draftId")},
    trim=message_ref,
)
async def send_draft(ctx):
    sent = await api(ctx, "POST", "/drafts/send", json={"id": ctx.props.draftId}, not_found=DRAFT_NOT_FOUND)
    ctx.summary = f"Sent draft {ctx.props.draftId}"
    return sent
