from ..app import api, app, seg


@app.action(
    "send-campaign",
    title="Send Campaign",
    description=(
        "Send a draft Mailchimp campaign to its audience now. It cannot be recalled once sent; to send later, use "
        "mailchimp-schedule-campaign. The campaign needs recipients, a subject, a sender and content first "
        "(mailchimp-create-campaign, mailchimp-set-campaign-content)."
    ),
    props={"campaignId": app.definition("campaignId")},
)
async def send_campaign(ctx):
    await api(ctx, "POST", f"/campaigns/{seg(ctx.props.campaignId)}/actions/send")
    ctx.summary = f"Sent campaign {ctx.props.campaignId}"
    return {"campaign_id": ctx.props.campaignId, "sent": True}
