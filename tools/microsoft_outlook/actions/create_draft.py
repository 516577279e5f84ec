from mcp_gateway.catalog import props

from ..app import app, graph, item_body, message_summary, recipients


@app.action(
    "create-draft",
    title="Create Draft",
    description=(
        "Save a new email in the connected user's Drafts folder without sending it, so the user can review and "
        "send it from Outlook, or send it later with microsoft_outlook-send-draft. To send at once use "
        "microsoft_outlook-send-email. Returns the draft's ID and a link that opens it."
    ),
    props={
        "to": app.definition("to", optional=True),
        "cc": app.definition("cc"),
        "bcc": app.definition("bcc"),
        "subject": app.definition("subject"),
        "body": app.definition("body"),
        "bodyType": app.definition("bodyType"),
        "importance": props.string(
            "Importance", "`low`, `normal` (the default) or `high`.", options=["low", "normal", "high"], optional=True
        ),
    },
    trim=message_summary,
)
async def create_draft(ctx):
    message = {"subject": ctx.props.subject, "body": item_body(ctx.props.body, ctx.props.bodyType)}
    for name, field in (("to", "toRecipients"), ("cc", "ccRecipients"), ("bcc", "bccRecipients")):
        if ctx.props.get(name):
            message[field] = recipients(ctx.props[name], name)
    if ctx.props.get("importance"):
        message["importance"] = ctx.props.importance
    draft = await graph(ctx, "POST", "/me/messages", json_body=message)
    ctx.summary = f"Saved draft \"{draft.get('subject')}\" in Drafts"
    return draft
