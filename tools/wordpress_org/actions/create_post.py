from mcp_gateway.catalog import ActionError, props

from ..app import POST_PROPS, api, app, post_body, post_detail


@app.action(
    "create-post",
    title="Create Post",
    description=(
        "Write a new WordPress blog post. It is saved as a draft unless status says otherwise (`publish` to go live). "
        "To change an existing post use wordpress_org-update-post. Returns the post's ID and link."
    ),
    props={"title": props.string("Title", "The post's title."), **POST_PROPS},
    trim=post_detail,
)
async def create_post(ctx):
    body = post_body(ctx)
    if body.get("status") == "future" and not body.get("date"):
        raise ActionError("a `future` post needs a date to publish on, e.g. `2026-12-24T09:00:00`")
    post = await api(ctx, "POST", "/posts", json=body)
    ctx.summary = f"Created the {post.get('status') or 'draft'} post {ctx.props.title!r} (ID {post.get('id')})"
    return post
