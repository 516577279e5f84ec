from mcp_gateway.catalog import ActionError, props

from ..app import app, graph, message_summary, seg

FLAGS = {"flagged": "flagged", "complete": "complete", "none": "notFlagged", "notflagged": "notFlagged"}


@app.action(
    "update-message",
    title="Update Email (Read, Flag, Categories)",
    description=(
        "Mark an email read or unread, flag it for follow-up (or mark the flag complete or clear it), set its "
        "categories or its importance. Only the values given change. To file it in another folder use "
        "microsoft_outlook-move-message; to answer it, microsoft_outlook-reply-to-email. Returns the updated message."
    ),
    props={
        "messageId": app.definition("messageId"),
        "isRead": props.boolean("Read", "`true` marks the message read, `false` unread.", optional=True),
        "flag": props.string(
            "Follow-up Flag",
            "`flagged` to flag it for follow-up, `complete` to mark the follow-up done, `none` to clear the flag.",
            options=["flagged", "complete", "none"],
            optional=True,
        ),
        "categories": props.string_list(
            "Categories",
            "Category names replacing the message's current ones, e.g. `[\"Red category\", \"Project X\"]`; `[]` "
            "clears them. The names are the user's Outlook categories.",
            optional=True,
        ),
        "importance": props.string(
            "Importance", "`low`, `normal` or `high`.", options=["low", "normal", "high"], optional=True
        ),
    },
    idempotent=True,
    trim=message_summary,
)
async def update_message(ctx):
    changes = {}
    if ctx.props.get("isRead") is not None:
        changes["isRead"] = bool(ctx.props.isRead)
    if ctx.props.get("flag"):
        status = FLAGS.get(str(ctx.props.flag).strip().lower())
        if status is None:
            raise ActionError(f"flag {ctx.props.flag!r} must be `flagged`, `complete` or `none`")
        changes["flag"] = {"flagStatus": status}
    if ctx.props.get("categories") is not None:
        changes["categories"] = [c for c in ctx.props.categories if str(c).strip()]
    if ctx.props.get("importance"):
        changes["importance"] = ctx.props.importance
    if not changes:
        raise ActionError("nothing to change: give at least one of isRead, flag, categories or importance")
    message = await graph(ctx, "PATCH", f"/me/messages/{seg(ctx.props.messageId)}", json_body=changes)
    ctx.summary = f"Updated {', '.join(changes)} of \"{message.get('subject')}\""
    return message
