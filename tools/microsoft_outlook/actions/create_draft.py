from mcp_gateway.catalog import props

from ..app import app, graph, item_body, recipients


@app.action(
    "create-draft",
    title="Create Draft",
    description=(
        "Save a new email in the connected user's Drafts folder without sending it, so the user can review and "
        "send it from Outlook. Returns the draft's ID and a link that opens it."
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
    return {
        "id": draft.get("id"),
        "subject": draft.get("subject"),
        "isDraft": draft.get("isDraft"),
        "to": [r["emailAddress"]["address"] for r in message.get("toRecipients", [])],
        "webLink": draft.get("webLink"),
    }
