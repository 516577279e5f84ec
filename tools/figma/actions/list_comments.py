from mcp_gateway.catalog import props, within

from ..app import api, app, file_key, offset


def comment_summary(comment):
    meta = comment.get("client_meta") or {}
    return {
        "id": comment.get("id"),
        "message": comment.get("message"),
        "author": (comment.get("user") or {}).get("handle"),
        "created_at": comment.get("created_at"),
        "resolved_at": comment.get("resolved_at"),
        "parent_id": comment.get("parent_id") or None,
        "order_id": comment.get("order_id"),
        "node_id": meta.get("node_id") if isinstance(meta, dict) else None,
    }


@app.action(
    "list-comments",
    title="List Comments",
    description=(
        "List the comments on a Figma file with their authors, replies (carrying `parent_id`), resolved "
        "state and the node each is pinned to. To comment or reply, use figma-post-comment."
    ),
    props={
        "fileKey": app.definition("fileKey"),
        "asMarkdown": props.boolean("As Markdown", "Return comments in Markdown where they have formatting.", optional=True),
        "limit": props.limit("comments"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("comments", comment_summary),
)
async def list_comments(ctx):
    key = file_key(ctx.props.fileKey)
    params = {"as_md": "true"} if ctx.props.get("asMarkdown") else None
    data = await api(ctx, "GET", f"/files/{key}/comments", params=params)
    # Figma returns every comment at once; the cursor is the position in that list.
    everything = data.get("comments") or []
    start = offset(ctx.props.get("cursor"))
    comments = everything[start:start + ctx.props.limit]
    following = start + len(comments)
    ctx.summary = f"Listed {len(comments)} of {len(everything)} comments"
    return {"comments": comments, "total": len(everything),
            "next_cursor": str(following) if following < len(everything) else None}
