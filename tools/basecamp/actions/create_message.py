from mcp_gateway.catalog import props

from ..app import app, call, dock_id, recording_summary


@app.action(
    "create-message",
    title="Post Message",
    description=(
        "Post a message (an announcement or a discussion starter) to a Basecamp project's message board; the people "
        "on the project are notified as their settings say. To reply to a message or a to-do instead, use "
        "basecamp-create-comment."
    ),
    props={
        "accountId": app.definition("accountId"),
        "projectId": app.definition("projectId"),
        "subject": props.string("Subject", "The message's title, e.g. `Launch moved to Monday`."),
        "content": props.string("Body", "The message; plain text or Basecamp's rich-text HTML (`<div>`, `<b>`, "
                                "`<ul><li>`, `<a>`).", optional=True),
    },
    trim=recording_summary,
)
async def create_message(ctx):
    project = ctx.props.projectId
    board = await dock_id(ctx, project, "message_board", "Message Board")
    body = {"subject": ctx.props.subject, "status": "active"}
    if ctx.props.get("content"):
        body["content"] = ctx.props.content
    message = await call(ctx, "POST", f"/buckets/{project}/message_boards/{board}/messages.json", json=body)
    ctx.summary = f"Posted the message {message.get('subject')!r}"
    return message
