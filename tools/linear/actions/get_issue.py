from mcp_gateway.catalog import props

from ..app import ISSUE_FIELDS, app, gql, issue_summary, nodes

_GET = f"""
query Issue($id: String!, $comments: Int!) {{
  issue(id: $id) {{
    {ISSUE_FIELDS}
    comments(first: $comments) {{ nodes {{ id body createdAt user {{ id name }} }} }}
  }}
}}
"""


def _detail(issue):
    out = issue_summary(issue)
    out["comments"] = [
        {
            "id": c.get("id"),
            "body": c.get("body"),
            "author": (c.get("user") or {}).get("name"),
            "created_at": c.get("createdAt"),
        }
        for c in nodes(issue.get("comments"))
    ]
    return out


@app.action(
    "get-issue",
    title="Get Issue",
    description=(
        "Read one Linear issue by its identifier (e.g. `ENG-123`): title, description, status, assignee, "
        "priority, labels, project, dates and URL, plus its first comments. For all of its comments, page with "
        "linear-list-comments; to find issues, use linear-search-issues or linear-list-issues."
    ),
    props={
        "issueId": app.definition("issueId"),
        "maxComments": props.integer(
            "Max Comments", "How many of the issue's comments to include (0 for none).", min=0, max=100, default=25
        ),
    },
    read_only=True,
    trim=_detail,
)
async def get_issue(ctx):
    issue = (await gql(ctx, _GET, {"id": str(ctx.props.issueId).strip(), "comments": ctx.props.maxComments}))["issue"]
    ctx.summary = f"Retrieved Linear issue {issue['identifier']}: {issue.get('title')}"
    return issue
