from mcp_gateway.catalog import ActionError, props

from ..app import api, app, comment_summary, discussion_summary


def _added(result):
    record = result.get("result") or {}
    return discussion_summary(record) if "comments" in record or "parentType" in record else comment_summary(record)


@app.action(
    "add-comment",
    title="Add Comment",
    description=(
        "Comment on a Smartsheet row (give rowId), reply in an existing discussion (give discussionId, from "
        "smartsheet-list-discussions), or start a discussion on the whole sheet (give neither)."
    ),
    props={
        "sheetId": app.definition("sheetId"),
        "text": props.string("Comment", "The comment's text."),
        "rowId": app.definition("rowId", optional=True, description="The row to comment on (its ID, from "
                                "smartsheet-get-sheet)."),
        "discussionId": props.string("Discussion", "A discussion to reply in (its ID, from smartsheet-list-discussions).",
                                     optional=True),
    },
    trim=_added,
)
async def add_comment(ctx):
    sheet = ctx.props.sheetId
    if ctx.props.get("rowId") and ctx.props.get("discussionId"):
        raise ActionError("give a rowId (a new thread on the row) or a discussionId (a reply), not both")
    if ctx.props.get("discussionId"):
        result = await api(ctx, "POST", f"/sheets/{sheet}/discussions/{ctx.props.discussionId}/comments",
                           json={"text": ctx.props.text})
        ctx.summary = f"Replied in the discussion {ctx.props.discussionId}"
    elif ctx.props.get("rowId"):
        result = await api(ctx, "POST", f"/sheets/{sheet}/rows/{ctx.props.rowId}/discussions",
                           json={"comment": {"text": ctx.props.text}})
        ctx.summary = f"Commented on the row {ctx.props.rowId}"
    else:
        result = await api(ctx, "POST", f"/sheets/{sheet}/discussions", json={"comment": {"text": ctx.props.text}})
        ctx.summary = "Started a discussion on the sheet"
    return result
