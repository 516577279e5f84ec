from mcp_gateway.catalog import ActionError, props

from ..app import app, comment_summary, rich_text


@app.action(
    "create-comment",
    title="Create Comment",
    description=(
        "Comment on a Notion page, starting a new discussion, or reply in an existing discussion. Returns the "
        "comment with its discussion ID. notion-list-comments reads a page's comments. Needs the integration's "
        "`Insert comments` capability (a 403 means it is off in the integration's settings)."
    ),
    props={
        "pageId": app.definition(
            "pageId", optional=True, description="The page to comment on, for a new discussion. Give this or discussionId."
        ),
        "discussionId": props.string(
            "Discussion",
            "To reply in a thread instead: the `discussion_id` of a comment from notion-list-comments.",
            optional=True,
        ),
        "text": props.string("Text", "The comment, as plain text."),
    },
    trim=comment_summary,
)
async def create_comment(ctx):
    page, discussion = ctx.props.get("pageId"), ctx.props.get("discussionId")
    if bool(page) == bool(discussion):
        raise ActionError("give either pageId (a new discussion) or discussionId (a reply), not both or neither")
    body = {"rich_text": rich_text(ctx.props.text)}
    if page:
        body["parent"] = {"page_id": page}
    else:
        body["discussion_id"] = discussion
    comment = (await ctx.http.post("/comments", json=body)).json()
    ctx.summary = "Replied in the discussion" if discussion else "Commented on the page"
    return comment
