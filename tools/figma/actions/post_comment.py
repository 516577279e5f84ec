from mcp_gateway.catalog import ActionError, props

from ..app import api, app, file_key
from .list_comments import comment_summary


@app.action(
    "post-comment",
    title="Post Comment",
    description=(
        "Comment on a Figma file, pinned to a frame or layer if you give its node ID, or reply to a top-level comment "
        "(its `id` from figma-list-comments; replies to replies are not allowed). Everyone who can see the file sees it."
    ),
    props={
        "fileKey": app.definition("fileKey"),
        "message": props.string("Message", "The comment's text."),
        "commentId": props.string("Reply To", "The ID of a top-level comment to reply to.", optional=True),
        "nodeId": props.string("Pin To Node", "The node ID of a frame to pin the comment to, e.g. `1:2`, from figma-get-file.", optional=True),
        "x": props.integer("Offset X", "Where on the node to pin it: pixels from the node's left edge (default 0).", optional=True),
        "y": props.integer("Offset Y", "Pixels from the node's top edge (default 0).", optional=True),
    },
    trim=comment_summary,
)
async def post_comment(ctx):
    message = str(ctx.props.message or "").strip()
    if not message:
        raise ActionError("give the comment's text in message")
    body = {"message": message}
    if ctx.props.get("commentId"):
        body["comment_id"] = ctx.props.commentId
    if ctx.props.get("nodeId"):
        body["client_meta"] = {"node_id": ctx.props.nodeId.replace("-", ":"),
                               "node_offset": {"x": ctx.props.get("x") or 0, "y": ctx.props.get("y") or 0}}
    comment = await api(ctx, "POST", f"/files/{file_key(ctx.props.fileKey)}/comments", json=body)
    ctx.summary = "Posted a reply" if ctx.props.get("commentId") else "Posted a comment"
    return comment
