from mcp_gateway.catalog import ActionError, props

from ..app import app, comment_options, comment_summary, record_id, request, table_path


@app.action(
    "create-comment",
    title="Create Comment",
    description=(
        "Add a comment to an Airtable record as the connected user, optionally as a reply in a comment thread. "
        "Mention someone with `@[usrXXXXXXXXXXXXXX]` (their user ID). To change a comment afterwards use "
        "airtable_oauth-update-comment; airtable_oauth-list-comments reads the thread. Returns the comment's ID and text."
    ),
    props={
        "baseId": app.definition("baseId"),
        "tableId": app.definition("tableId"),
        "recordId": app.definition("recordId"),
        "text": props.string("Text", "The comment, e.g. `Sent the contract on Monday @[usrL2PNC5o3H4lBEi]`."),
        "parentCommentId": props.string(
            "Reply To",
            "To reply in a thread, the ID of the comment being answered (`com...`), from airtable_oauth-list-comments.",
            options=comment_options,
            optional=True,
        ),
    },
    trim=comment_summary,
)
async def create_comment(ctx):
    text = str(ctx.props.text).strip()
    if not text:
        raise ActionError("the comment text is empty")
    body = {"text": text}
    if ctx.props.get("parentCommentId"):
        body["parentCommentId"] = ctx.props.parentCommentId
    path = table_path(ctx.props.baseId, ctx.props.tableId, record_id(ctx.props.recordId), "comments")
    comment = await request(ctx, "POST", path, json=body)
    ctx.summary = f"Commented on record {record_id(ctx.props.recordId)} (comment {comment.get('id')})"
    return comment
