from mcp_gateway.catalog import props

from ..app import app, message_summary, request


@app.action(
    "list-messages",
    title="List Messages",
    description=(
        "List the account's SMS, MMS and WhatsApp messages, newest first, optionally only those to or from a "
        "number or sent in a date range. Returns each message's SID, status, direction, numbers and text."
    ),
    props={
        "to": props.string("To", "Only messages sent to this number, e.g. `+14155552671` (`whatsapp:+1...` for WhatsApp).", optional=True),
        "from": props.string("From", "Only messages sent from this number, e.g. `+15017122661`.", optional=True),
        "sentAfter": props.string("Sent On or After", "Only messages sent on or after this date (UTC), `YYYY-MM-DD`.", optional=True),
        "sentBefore": props.string("Sent On or Before", "Only messages sent on or before this date (UTC), `YYYY-MM-DD`.", optional=True),
        "limit": app.definition("limit"),
    },
    read_only=True,
)
async def list_messages(ctx):
    params = {"PageSize": ctx.props.limit}
    for name, field in (("to", "To"), ("from", "From"), ("sentAfter", "DateSent>"), ("sentBefore", "DateSent<")):
        if ctx.props.get(name):
            params[field] = ctx.props[name]
    data = await request(ctx, "GET", "/Messages.json", params=params)
    messages = [message_summary(m) for m in data.get("messages") or []]
    more = " (more available)" if data.get("next_page_uri") else ""
    ctx.summary = f"Listed {len(messages)} message{'s' if len(messages) != 1 else ''}{more}"
    return {"messages": messages, "has_more": bool(data.get("next_page_uri"))}
