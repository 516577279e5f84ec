from mcp_gateway.catalog import props, within

from ..app import COMMENT_FIELDS, app, comment_summary, gql, paged

_COMMENTS = f"""
query IssueComments($id: String!, $first: Int!, $after: String) {{
  issue(id: $id) {{
    identifier
    comments(first: $first, after: $after) {{ nodes {{ {COMMENT_FIELDS} }} pageInfo {{ hasNextPage endCursor }} }}
  }}
}}
"""


@app.action(
    "list-comments",
    title="List Issue Comments",
    description=(
        "List the comments on a Linear issue, oldest first, with authors, times and thread parents, and a cursor "
        "for more. To post one use linear-create-comment; linear-get-issue includes the first few with the issue."
    ),
    props={"issueId": app.definition("issueId"), "limit": props.limit("comments"), "cursor": props.cursor()},
    read_only=True,
    trim=within("comments", comment_summary),
)
async def list_comments(ctx):
    variables = {"id": str(ctx.props.issueId).strip(), "first": ctx.props.limit, "after": ctx.props.get("cursor")}
    issue = (await gql(ctx, _COMMENTS, variables))["issue"]
    page = paged("comments", issue.get("comments"))
    count = len(page["comments"])
    ctx.summary = f"Listed {count} comment{'s' if count != 1 else ''} on Linear issue {issue.get('identifier')}"
    return page
