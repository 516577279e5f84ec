from urllib.parse import urlsplit

from mcp_gateway.catalog import ActionError, props

from ..app import app, created_post, little_text, member_urn, new_post, send


@app.action(
    "create-link-post",
    title="Create Link Post",
    description=(
        "Share a web page on the connected member's LinkedIn feed as an article card (title, description) with the "
        "member's own text above it. For a post without a link use linkedin-create-text-post. Returns the post's URN."
    ),
    props={
        "url": props.string("Link", "The page to share, e.g. `https://example.com/blog/spring-launch`."),
        "title": props.string("Link Title", "The title on the card, e.g. the article's headline."),
        "description": props.string("Link Description", "A line under the title on the card.", optional=True),
        "text": app.definition("text").but(optional=True, description="The member's words above the card; may be empty."),
        "visibility": app.definition("visibility"),
    },
)
async def create_link_post(ctx):
    url = str(ctx.props.url).strip()
    if urlsplit(url).scheme not in ("http", "https") or not urlsplit(url).netloc:
        raise ActionError(f"link {url!r} must be a full web address, e.g. `https://example.com/page`")
    author = await member_urn(ctx)
    body = new_post(author, little_text(ctx.props.get("text") or ""), ctx.props.get("visibility"))
    article = {"source": url, "title": ctx.props.title}
    if ctx.props.get("description"):
        article["description"] = ctx.props.description
    body["content"] = {"article": article}
    response = await send(ctx, "POST", "/rest/posts", json=body)
    post = created_post(response, author)
    ctx.summary = f"Shared {url} on LinkedIn as {post['id']}"
    return post
