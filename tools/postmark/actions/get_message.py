from urllib.parse import quote

from mcp_gateway.catalog import props

from ..app import api, app, message_summary


def _details(message):
    return {
        **message_summary(message),
        "text_body": message.get("TextBody"),
        "html_body": message.get("HtmlBody"),
        "events": [{"type": e.get("Type"), "recipient": e.get("Recipient"), "at": e.get("ReceivedAt"),
                    "details": e.get("Details")} for e in message.get("MessageEvents") or []],
    }


@app.action(
    "get-message",
    title="Get Sent Message",
    description=(
        "Read one email this Postmark server sent: its body and what happened to it (delivered, opened, clicked, "
        "bounced) per recipient. The message ID comes from postmark-send-email or postmark-list-messages."
    ),
    props={
        "messageId": props.string(
            "Message ID", "The Postmark MessageID, e.g. `0a129aee-e1cd-480d-b08d-4f48548ff48d`, from postmark-send-email "
            "or postmark-list-messages."
        ),
    },
    read_only=True,
    trim=_details,
)
async def get_message(ctx):
    message = await api(ctx, "GET", f"/messages/outbound/{quote(ctx.props.messageId.strip(), safe='')}/details")
    ctx.summary = f"Read the message {message.get('Subject')!r}"
    return message
