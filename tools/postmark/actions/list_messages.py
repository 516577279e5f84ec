from mcp_gateway.catalog import props, within

from ..app import app, message_summary, page


@app.action(
    "list-messages",
    title="List Sent Messages",
    description=(
        "Search the emails this Postmark server sent, newest first, by recipient, sender, tag, status or date range "
        "(Postmark keeps 45 days by default). For one message's body and delivery events use postmark-get-message."
    ),
    props={
        "recipient": props.string("Recipient", "Only messages to this address.", optional=True),
        "fromEmail": props.string("From", "Only messages from this address.", optional=True),
        "tag": props.string("Tag", "Only messages with this tag.", optional=True),
        "status": props.string("Status", "Only `queued` or `sent` messages.", options=["queued", "sent"], optional=True),
        "fromDate": props.string("From Date", "Only messages sent on or after this day, `YYYY-MM-DD`.", optional=True),
        "toDate": props.string("To Date", "Only messages sent on or before this day, `YYYY-MM-DD`.", optional=True),
        "limit": props.limit("messages"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("messages", message_summary),
)
async def list_messages(ctx):
    params = {field: ctx.props[prop] for prop, field in (
        ("recipient", "recipient"), ("fromEmail", "fromemail"), ("tag", "tag"), ("status", "status"),
        ("fromDate", "fromdate"), ("toDate", "todate")) if ctx.props.get(prop)}
    found = await page(ctx, "/messages/outbound", "Messages", limit=ctx.props.limit, cursor=ctx.props.get("cursor"), params=params)
    ctx.summary = f"Found {found['total']} sent message{'s' if found['total'] != 1 else ''}; listed {len(found['messages'])}"
    return found
