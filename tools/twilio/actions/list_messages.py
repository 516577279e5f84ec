from mcp_gateway.catalog import props, within

from ..app import app, collect, count, message_summary


@app.action(
    "list-messages",
    title="List Messages",
    description=(
        "List the account's SMS, MMS and WhatsApp messages, newest first, optionally only those to or from a "
        "number or sent in a date range. Returns each message's SID, status, direction, numbers and text, and a "
        "`next_cursor` when more exist. To check one message's delivery, use twilio-get-message instead."
    ),
    props={
        "to": props.string("To", "Only messages sent to this number, e.g. `+14155552671` (`whatsapp:+1...` for WhatsApp).", optional=True),
        "from": props.string("From", "Only messages sent from this number, e.g. `+15017122661`.", optional=True),
        "sentAfter": props.string("Sent On or After", "Only messages sent on or after this date (UTC), `YYYY-MM-DD`.", optional=True),
        "sentBefore": props.string("Sent On or Before", "Only messages sent on or before this date (UTC), `YYYY-MM-DD`.", optional=True),
        "limit": props.limit("messages"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("messages", message_summary),
)
async def list_messages(ctx):
    params = {}
    for name, field in (("to", "To"), ("from", "From"), ("sentAfter", "DateSent>"), ("sentBefore", "DateSent<")):
        if ctx.props.get(name):
            params[field] = ctx.props[name]
    messages, following = await collect(
        ctx, "/Messages.json", "messages", limit=ctx.props.limit, cursor=ctx.props.get("cursor"), params=params
    )
    more = " (more available)" if following else ""
    ctx.summary = f"Listed {count(len(messages), 'message')}{more}"
    return {"messages": messages, "next_cursor": following}
