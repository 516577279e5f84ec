from ..app import app, message_summary, request


@app.action(
    "get-message",
    title="Get Message",
    description=(
        "Get one message by SID: its delivery status (`queued`, `sent`, `delivered`, `undelivered`, `failed`, "
        "`received`...), error code if it failed, text, numbers and price. To find messages by number or date, "
        "use twilio-list-messages instead."
    ),
    props={"messageSid": app.definition("messageSid")},
    read_only=True,
    trim=message_summary,
)
async def get_message(ctx):
    message = await request(ctx, "GET", f"/Messages/{ctx.props.messageSid}.json")
    failed = f", error {message['error_code']}" if message.get("error_code") else ""
    ctx.summary = f"Message {message.get('sid')} to {message.get('to')} is {message.get('status')}{failed}"
    return message
