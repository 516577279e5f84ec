from mcp_gateway.catalog import props

from ..app import api, app, comment_summary, conversation_path


@app.action(
    "add-comment",
    title="Add Comment",
    description=(
        "Leave an internal comment on a Front conversation, seen by teammates only, never by the customer; "
        "`@username` mentions a teammate. To write to the customer use frontapp-reply-to-conversation instead."
    ),
    props={
        "conversationId": app.definition("conversationId"),
        "body": props.string("Body", "The comment's text (Markdown), e.g. `@ana can you check the refund?`."),
        "authorId": app.definition("teammateId", description="The teammate who writes it (e.g. `tea_55c8c149`); "
                                   "empty: the API token."),
    },
    trim=comment_summary,
)
async def add_comment(ctx):
    body = {"body": ctx.props.body}
    if ctx.props.get("authorId"):
        body["author_id"] = ctx.props.authorId
    comment = await api(ctx, "POST", f"{conversation_path(ctx)}/comments", json=body)
    ctx.summary = f"Commented on the conversation {ctx.props.conversationId}"
    return comment
