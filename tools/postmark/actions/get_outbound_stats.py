from mcp_gateway.catalog import props

from ..app import api, app

_FIELDS = ("Sent", "Bounced", "BounceRate", "SpamComplaints", "SpamComplaintsRate", "Opens", "UniqueOpens",
           "TotalClicks", "UniqueLinksClicked", "Tracked")


@app.action(
    "get-outbound-stats",
    title="Get Outbound Stats",
    description=(
        "Totals of sent, bounced, spam-reported, opened and clicked emails for a date range, optionally for one tag: "
        "how a campaign or a kind of email is doing. For bounce counts by type use postmark-get-delivery-stats."
    ),
    props={
        "tag": props.string("Tag", "Only messages with this tag.", optional=True),
        "fromDate": props.string("From Date", "First day counted, `YYYY-MM-DD`.", optional=True),
        "toDate": props.string("To Date", "Last day counted, `YYYY-MM-DD`.", optional=True),
    },
    read_only=True,
    trim=lambda stats: {field: stats.get(field) for field in _FIELDS},
)
async def get_outbound_stats(ctx):
    params = {field: ctx.props[prop] for prop, field in (("tag", "tag"), ("fromDate", "fromdate"), ("toDate", "todate"))
              if ctx.props.get(prop)}
    stats = await api(ctx, "GET", "/stats/outbound", params=params)
    ctx.summary = f"{stats.get('Sent', 0)} sent, {stats.get('Bounced', 0)} bounced"
    return stats
