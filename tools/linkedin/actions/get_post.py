from ..app import app, post_path, post_summary, send


@app.action(
    "get-post",
    title="Get Post",
    description=(
        "Read one LinkedIn post by its URN: its text, visibility, shared link and times. LinkedIn lets an app read "
        "posts only with its restricted r_member_social permission; without it this answers that access is denied."
    ),
    props={"postUrn": app.definition("postUrn")},
    read_only=True,
    trim=post_summary,
)
async def get_post(ctx):
    post = (await send(ctx, "GET", post_path(ctx.props.postUrn))).json()
    ctx.summary = f"Read the post {post.get('id') or ctx.props.postUrn}"
    return post
