from mcp_gateway.catalog import props

from ..app import app, gql, is_uuid, issue_ref

_COMMENT = """
mutation CommentCreate($input: CommentCreateInput!) {
  commentCreate(input: $input) {
    success
    comment { id body url createdAt user { id name } issue { identifier } }
  }
}
"""


@app.action(
    "create-comment",
    title="Add Comment to Issue",
    description="Post a comment on a Linear issue as the connected user. Returns the comment's ID, text and URL.",
    props={
        "issueId": app.definition("issueId"),
        "body": props.string("Comment", "The comment text in Markdown."),
        "parentId": props.string(
            "Reply To", "To reply in a thread: the ID of the comment being answered.", optional=True
        ),
    },
)
async def create_comment(ctx):
    issue = str(ctx.props.issueId).strip()
    issue_uuid = issue if is_uuid(issue) else (await issue_ref(ctx, issue))["id"]
    data = {"issueId": issue_uuid, "body": ctx.props.body}
    if ctx.props.get("parentId"):
        data["parentId"] = ctx.props.parentId
    comment = (await gql(ctx, _COMMENT, {"input": data}))["commentCreate"]["comment"]
    on = (comment.get("issue") or {}).get("identifier") or issue
    ctx.summary = f"Commented on Linear issue {on}"
    return {
        "id": comment.get("id"),
        "body": comment.get("body"),
        "url": comment.get("url"),
        "author": (comment.get("user") or {}).get("name"),
        "created_at": comment.get("createdAt"),
        "issue": on,
    }
