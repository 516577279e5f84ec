from mcp_gateway.catalog import ActionError, props

from ..app import app, message_summary, pairs, request


@app.action(
    "send-mms",
    title="Send MMS",
    description=(
        "Send a picture or media message (MMS) with up to 10 media files from public URLs, plus optional text. "
        "MMS works to US and Canadian numbers from MMS-capable Twilio numbers. Returns the message SID and status. "
        "For text only, use twilio-send-sms."
    ),
    props={
        "to": app.definition("to"),
        "from": app.definition("from"),
        "mediaUrls": props.string_list(
            "Media URLs",
            "Public https URLs of the images or files to send (up to 10, 5 MB in all), e.g. "
            "`[\"https://demo.twilio.com/owl.png\"]`. Twilio downloads them, so they must not need a login.",
        ),
        "body": props.string("Message", "Text to send with the media.", optional=True),
        "statusCallback": app.definition("statusCallback"),
    },
    trim=message_summary,
)
async def send_mms(ctx):
    media = [url for url in ctx.props.mediaUrls if url]
    if not media:
        raise ActionError("give at least one media URL")
    if len(media) > 10:
        raise ActionError("Twilio sends at most 10 media files in one message")
    data = pairs({
        "To": ctx.props.to,
        "From": ctx.props["from"],
        "Body": ctx.props.get("body"),
        "MediaUrl": media,
        "StatusCallback": ctx.props.get("statusCallback"),
    })
    message = await request(ctx, "POST", "/Messages.json", data=data)
    ctx.summary = f"Sent MMS {message.get('sid')} with {len(media)} media file{'s' if len(media) != 1 else ''} to {message.get('to')} ({message.get('status')})"
    return message
