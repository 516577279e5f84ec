from ..app import api, app, post_detail


@app.action(
    "get-post",
    title="Get Post",
    description=(
        "Read one WordPress post by ID with its full content (HTML), status, categories and link. To find the ID, "
        "use wordpress_org-list-posts."
    ),
    props={"postId": app.definition("postId")},
    read_only=True,
    trim=post_detail,
)
async def get_post(ctx):
    post = await api(ctx, "GET", f"/posts/{int(ctx.props.postId)}")
    ctx.summary = f"Read the post {(post.get('title') or {}).get('rendered')!r}"
    return post
