from ..app import api, app, seg


def _report(report):
    opens = report.get("opens") or {}
    clicks = report.get("clicks") or {}
    bounces = report.get("bounces") or {}
    return {
        "id": report.get("id"),
        "campaign_title": report.get("campaign_title"),
        "subject_line": report.get("subject_line"),
        "list_id": report.get("list_id"),
        "list_name": report.get("list_name"),
        "send_time": report.get("send_time"),
        "emails_sent": report.get("emails_sent"),
        "unique_opens": opens.get("unique_opens"),
        "open_rate": opens.get("open_rate"),
        "unique_clicks": clicks.get("unique_subscriber_clicks"),
        "click_rate": clicks.get("click_rate"),
        "hard_bounces": bounces.get("hard_bounces"),
        "soft_bounces": bounces.get("soft_bounces"),
        "unsubscribed": report.get("unsubscribed"),
        "abuse_reports": report.get("abuse_reports"),
        "delivery_status": (report.get("delivery_status") or {}).get("status"),
    }


@app.action(
    "get-campaign-report",
    title="Get Campaign Report",
    description=(
        "Read how a sent Mailchimp campaign did: emails sent, unique opens and clicks with their rates, bounces, "
        "unsubscribes and abuse reports. Find the campaign with mailchimp-list-campaigns (status `sent`)."
    ),
    props={"campaignId": app.definition("campaignId")},
    read_only=True,
    trim=_report,
)
async def get_campaign_report(ctx):
    report = await api(ctx, "GET", f"/reports/{seg(ctx.props.campaignId)}")
    rate = (report.get("opens") or {}).get("open_rate")
    ctx.summary = (f"Campaign {report.get('campaign_title') or ctx.props.campaignId}: {report.get('emails_sent')} sent"
                   + (f", {rate:.1%} opened" if isinstance(rate, (int, float)) else ""))
    return report
