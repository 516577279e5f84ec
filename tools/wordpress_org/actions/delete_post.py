from mcp_gateway.catalog import props

from ..app import api, app


@app.action(
    "delete-post",
    title="Delete Post",
    description=(
        "Move a WordPress post to the trash, where it can be restored for 30 days, or with force delete it for good. "
        "To hide a post without deleting it, use wordpress_org-update-post with status `draft` or `private`."
    ),
    props={
        "postId": app.definition("postId"),
        "force": props.boolean("Delete Permanently", "Skip the trash and delete the post for good.", optional=True, default=False),
    },
    destructive=True,
    idempotent=True,
)
async def delete_post(ctx):
    post_id = int(ctx.props.postId)
    force = bool(ctx.props.get("force"))
    await api(ctx, "DELETE", f"/posts/{post_id}", params={"force": "true"} if force else None)
    ctx.summary = f"Deleted post {post_id} for good" if force else f"Moved post {post_id} to the trash"
    return {"id": post_id, "deleted": force, "trashed": not force}
