from mcp_gateway.catalog import props

from ..app import app, body_for, confluence, page_id, storage_to_text, web_url


@app.action(
    "add-comment",
    title="Add Comment to Page",
    description="Post a comment at the bottom of a Confluence page as the connected user. Returns the comment's ID and URL.",
    props={
        "site": app.definition("site"),
        "pageId": app.definition("pageId"),
        "body": props.string("Comment", "The comment, written in the format chosen in bodyFormat."),
        "bodyFormat": app.definition("bodyFormat", default="plain_text"),
    },
)
async def add_comment(ctx):
    pid = page_id(ctx.props.pageId)
    body = {"pageId": pid, "body": body_for(ctx.props.body, ctx.props.bodyFormat)}
    comment = (await confluence(ctx, "POST", "/api/v2/footer-comments", json=body)).json()
    storage = ((comment.get("body") or {}).get("storage") or {}).get("value")
    ctx.summary = f"Commented on Confluence page {pid}"
    return {
        "id": comment.get("id"),
        "page_id": comment.get("pageId", pid),
        "text": storage_to_text(storage) if storage else None,
        "url": web_url(ctx, comment.get("_links")),
    }
