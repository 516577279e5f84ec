from ..app import app, created_post, little_text, member_urn, new_post, send


@app.action(
    "create-text-post",
    title="Create Text Post",
    description=(
        "Publish a text-only post to the connected member's LinkedIn feed. To share a web page with its preview card, "
        "use linkedin-create-link-post instead. Returns the new post's URN (`id`) and address."
    ),
    props={"text": app.definition("text"), "visibility": app.definition("visibility")},
)
async def create_text_post(ctx):
    author = await member_urn(ctx)
    response = await send(ctx, "POST", "/rest/posts", json=new_post(author, little_text(ctx.props.text), ctx.props.get("visibility")))
    post = created_post(response, author)
    ctx.summary = f"Posted on LinkedIn as {post['id']}"
    return post
