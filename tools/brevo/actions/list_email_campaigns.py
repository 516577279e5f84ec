from mcp_gateway.catalog import ActionError, props, within

from ..app import app, campaign_summary, page

_STATUSES = ["draft", "sent", "archive", "queued", "suspended", "inProcess"]


@app.action(
    "list-email-campaigns",
    title="List Email Campaigns",
    description=(
        "List the account's email campaigns, newest first, with their status, recipients and global statistics "
        "(sent, delivered, unique opens and clicks, bounces, unsubscribes), optionally by status or send date."
    ),
    props={
        "status": props.string("Status", "Only campaigns in this state.", options=_STATUSES, optional=True),
        "type": props.string("Type", "`classic` campaigns or `trigger` (automation) ones.", options=["classic", "trigger"],
                             optional=True),
        "startDate": props.string("Sent From", "Only campaigns sent after this ISO 8601 time; needs `endDate`.", optional=True),
        "endDate": props.string("Sent Until", "Only campaigns sent before this ISO 8601 time; needs `startDate`.",
                                optional=True),
        "limit": props.limit("campaigns"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("campaigns", campaign_summary),
)
async def list_email_campaigns(ctx):
    if bool(ctx.props.get("startDate")) != bool(ctx.props.get("endDate")):
        raise ActionError("give startDate and endDate together")
    params = {"sort": "desc", "statistics": "globalStats", "excludeHtmlContent": "true"}
    for prop in ("status", "type", "startDate", "endDate"):
        if ctx.props.get(prop):
            params[prop] = ctx.props[prop]
    found = await page(ctx, "/emailCampaigns", "campaigns", limit=ctx.props.limit, cursor=ctx.props.get("cursor"),
                       params=params)
    ctx.summary = f"Listed {len(found['campaigns'])} of {found['total']} email campaigns"
    return found
