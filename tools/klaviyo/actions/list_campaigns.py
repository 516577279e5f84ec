from mcp_gateway.catalog import props, within

from ..app import app, campaign_summary, collect, equals, quoted


@app.action(
    "list-campaigns",
    title="List Campaigns",
    description=(
        "List the Klaviyo account's email or SMS campaigns with their status (Draft, Scheduled, Sent...), audiences "
        "and send times, newest first, optionally only those whose name contains a word."
    ),
    props={
        "channel": props.string("Channel", "`email` (the default) or `sms`.", options=["email", "sms"], optional=True,
                                default="email"),
        "nameContains": props.string("Name Contains", "Only campaigns whose name contains this, e.g. `Black Friday`.",
                                     optional=True),
        "limit": props.limit("campaigns"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("campaigns", campaign_summary),
)
async def list_campaigns(ctx):
    # Klaviyo lists one channel's campaigns at a time; the filter must name it.
    clauses = [equals("messages.channel", ctx.props.get("channel") or "email")]
    if ctx.props.get("nameContains"):
        clauses.append(f"contains(name,{quoted(ctx.props.nameContains)})")
    campaigns, token = await collect(ctx, "/campaigns", limit=ctx.props.limit, cursor=ctx.props.get("cursor"),
                                     params={"filter": ",".join(clauses), "sort": "-created_at"}, page_size=ctx.props.limit)
    ctx.summary = f"Listed {len(campaigns)} campaign{'s' if len(campaigns) != 1 else ''}"
    return {"campaigns": campaigns, "next_cursor": token}
