from ..app import app, call, file_summary, message_summary, plural


def _pinned(data):
    items = []
    for item in data.get("items") or []:
        if item.get("message"):
            items.append({"type": "message", "created": item.get("created"), "message": message_summary(item["message"])})
        elif item.get("file"):
            items.append({"type": "file", "created": item.get("created"), "file": file_summary(item["file"])})
    return {"items": items}


@app.action(
    "list-pinned-messages",
    title="List Pinned Items",
    description=(
        "List what is pinned in a Slack channel: messages (with text, author and `ts`) and files. Pin with "
        "slack-pin-message, unpin with slack-unpin-message."
    ),
    props={"channel": app.definition("conversation")},
    read_only=True,
    trim=_pinned,
)
async def list_pinned_messages(ctx):
    data = await call(ctx, "pins.list", params={"channel": ctx.props.channel})
    ctx.summary = f"Listed {plural(len(data.get('items') or []), 'pinned item')} in {ctx.props.channel}"
    return data
