from mcp_gateway.catalog import ActionError, props

from ..app import POST_PROPS, api, app, post_body, post_detail


@app.action(
    "update-post",
    title="Update Post",
    description=(
        "Change an existing WordPress post: its title, content, status (e.g. `publish` a draft), categories and so on. "
        "Fields left empty keep their values; content given replaces the whole body. To write a new post use "
        "wordpress_org-create-post."
    ),
    props={"postId": app.definition("postId"), "title": props.string("Title", "The new title.", optional=True), **POST_PROPS},
    idempotent=True,
    trim=post_detail,
)
async def update_post(ctx):
    body = post_body(ctx)
    if not body:
        raise ActionError("nothing to change: give a title, content, status or another field")
    post = await api(ctx, "POST", f"/posts/{int(ctx.props.postId)}", json=body)
    ctx.summary = f"Updated the post {(post.get('title') or {}).get('rendered')!r} (ID {post.get('id')})"
    return post
