from mcp_gateway.catalog import props

from ..app import COMMENT_FIELDS, app, comment_summary, gql, is_uuid, issue_ref

_COMMENT = f"""
mutation CommentCreate($input: CommentCreateInput!) {{
  commentCreate(input: $input) {{ success comment {{ {COMMENT_FIELDS} }} }}
}}
"""


@app.action(
    "create-comment",
    title="Add Comment to Issue",
    description=(
        "Post a comment on a Linear issue as the connected user, or reply in a comment's thread. Returns the "
        "comment's ID, text and URL. To read an issue's comments use linear-list-comments."
    ),
    props={
        "issueId": app.definition("issueId"),
        "body": props.string("Comment", "The comment text in Markdown."),
        "parentId": props.string(
            "Reply To",
            "To reply in a thread: the ID (UUID) of the comment being answered, from linear-list-comments.",
            optional=True,
        ),
    },
    trim=comment_summary,
)
async def create_comment(ctx):
    issue = str(ctx.props.issueId).strip()
    issue_uuid = issue if is_uuid(issue) else (await issue_ref(ctx, issue))["id"]
    data = {"issueId": issue_uuid, "body": ctx.props.body}
    if ctx.props.get("parentId"):
        data["parentId"] = ctx.props.parentId
    comment = (await gql(ctx, _COMMENT, {"input": data}))["commentCreate"]["comment"]
    ctx.summary = f"Commented on Linear issue {(comment.get('issue') or {}).get('identifier') or issue}"
    return comment
