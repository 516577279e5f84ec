from mcp_gateway.catalog import props

from ..app import app, body_for, comment_summary, confluence, page_id, site_base, with_base


@app.action(
    "add-comment",
    title="Add Comment to Page",
    description=(
        "Post a comment at the bottom of a Confluence page as the connected user. Returns the comment's ID and URL. "
        "To change the page itself use confluence-update-page."
    ),
    props={
        "site": app.definition("site"),
        "pageId": app.definition("pageId"),
        "body": props.string("Comment", "The comment, written in the format chosen in bodyFormat."),
        "bodyFormat": app.definition("bodyFormat", default="plain_text"),
    },
    trim=comment_summary,
)
async def add_comment(ctx):
    pid = page_id(ctx.props.pageId)
    body = {"pageId": pid, "body": body_for(ctx.props.body, ctx.props.bodyFormat)}
    comment = (await confluence(ctx, "POST", "/api/v2/footer-comments", json=body)).json()
    ctx.summary = f"Commented on Confluence page {pid}"
    return with_base(comment, site_base(ctx, comment))
