from mcp_gateway.catalog import props

from ..app import api, app, campaign_summary


@app.action(
    "create-campaign",
    title="Create Campaign",
    description=(
        "Create a draft email campaign to an audience (or one saved segment of it) with its subject, sender and "
        "reply-to address. Then give it a body with mailchimp-set-campaign-content and send it with "
        "mailchimp-send-campaign or mailchimp-schedule-campaign. Returns the campaign with its `id`."
    ),
    props={
        "listId": app.definition("listId"),
        "subjectLine": props.string("Subject", "The subject line, e.g. `Our December news`."),
        "fromName": props.string("From Name", "The sender's name recipients see, e.g. `Acme Team`."),
        "replyTo": props.string("Reply To", "The reply-to address: one verified on a domain of the Mailchimp account."),
        "title": props.string("Title", "The campaign's internal name in Mailchimp (recipients do not see it).", optional=True),
        "previewText": props.string("Preview Text", "The snippet shown after the subject in inboxes.", optional=True),
        "savedSegmentId": props.integer(
            "Saved Segment ID", "Send only to this saved segment of the audience (its numeric ID in Mailchimp).", optional=True,
        ),
        "type": props.string("Type", "`regular` (HTML, the default) or `plaintext`.", options=["regular", "plaintext"],
                             optional=True, default="regular"),
    },
    trim=campaign_summary,
)
async def create_campaign(ctx):
    recipients = {"list_id": ctx.props.listId}
    if ctx.props.get("savedSegmentId") is not None:
        recipients["segment_opts"] = {"saved_segment_id": ctx.props.savedSegmentId}
    settings = {"subject_line": ctx.props.subjectLine, "from_name": ctx.props.fromName, "reply_to": ctx.props.replyTo.strip()}
    for prop, field in (("title", "title"), ("previewText", "preview_text")):
        if ctx.props.get(prop):
            settings[field] = ctx.props[prop]
    body = {"type": ctx.props.get("type") or "regular", "recipients": recipients, "settings": settings}
    campaign = await api(ctx, "POST", "/campaigns", json=body)
    ctx.summary = f"Created the draft campaign {ctx.props.subjectLine!r} ({campaign.get('id')})"
    return campaign
