from mcp_gateway.catalog import props, within

from ..app import app, bounce_summary, page

_TYPES = ["HardBounce", "SoftBounce", "Transient", "SpamComplaint", "Unsubscribe", "Blocked", "DnsError", "AutoResponder"]


@app.action(
    "list-bounces",
    title="List Bounces",
    description=(
        "List emails that bounced or were marked as spam on this Postmark server, newest first, by type, address, tag "
        "or date. Inactive addresses get no more mail until reactivated with postmark-activate-bounce."
    ),
    props={
        "type": props.string("Type", "Only bounces of this kind, e.g. `HardBounce` or `SpamComplaint`.", options=_TYPES, optional=True),
        "inactive": props.boolean("Inactive Only", "Only bounces that deactivated their address.", optional=True),
        "emailFilter": props.string("Email", "Only bounces of addresses containing this text.", optional=True),
        "tag": props.string("Tag", "Only bounces of messages with this tag.", optional=True),
        "fromDate": props.string("From Date", "Only bounces on or after this day, `YYYY-MM-DD`.", optional=True),
        "toDate": props.string("To Date", "Only bounces on or before this day, `YYYY-MM-DD`.", optional=True),
        "limit": props.limit("bounces"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("bounces", bounce_summary),
)
async def list_bounces(ctx):
    params = {field: ctx.props[prop] for prop, field in (
        ("type", "type"), ("emailFilter", "emailFilter"), ("tag", "tag"), ("fromDate", "fromdate"), ("toDate", "todate"))
        if ctx.props.get(prop)}
    if ctx.props.get("inactive") is not None:
        params["inactive"] = str(bool(ctx.props.inactive)).lower()
    found = await page(ctx, "/bounces", "Bounces", limit=ctx.props.limit, cursor=ctx.props.get("cursor"), params=params)
    ctx.summary = f"Found {found['total']} bounce{'s' if found['total'] != 1 else ''}; listed {len(found['bounces'])}"
    return found
