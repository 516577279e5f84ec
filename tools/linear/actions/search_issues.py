from mcp_gateway.catalog import props

from ..app import ISSUE_FIELDS, app, gql, issue_summary, nodes, team_id

_SEARCH = f"""
query SearchIssues($term: String!, $first: Int!, $after: String, $includeComments: Boolean, $teamId: String) {{
  searchIssues(term: $term, first: $first, after: $after, includeComments: $includeComments, teamId: $teamId) {{
    totalCount
    nodes {{ {ISSUE_FIELDS} }}
    pageInfo {{ hasNextPage endCursor }}
  }}
}}
"""


@app.action(
    "search-issues",
    title="Search Issues",
    description=(
        "Full-text search of Linear issues by words in their title and description (and optionally comments). "
        "Returns the matches, best first, and a cursor for more."
    ),
    props={
        "term": props.string("Search Text", "The words to look for, e.g. `checkout timeout`."),
        "teamId": app.definition(
            "teamId",
            optional=True,
            description="Rank this team's issues first: its key (e.g. `ENG`), name or ID. Leave empty to search evenly.",
        ),
        "includeComments": props.boolean("Search Comments", "Also match words in the issues' comments.", default=False),
        "max": props.integer("Max Results", "The most issues to return (1 to 100).", min=1, max=100, default=25),
        "after": props.string(
            "Cursor", "To get the next page, the `next_cursor` an earlier search returned.", optional=True
        ),
    },
    read_only=True,
)
async def search_issues(ctx):
    variables = {
        "term": ctx.props.term,
        "first": ctx.props.max,
        "after": ctx.props.get("after"),
        "includeComments": ctx.props.includeComments,
        "teamId": await team_id(ctx, ctx.props.teamId) if ctx.props.get("teamId") else None,
    }
    found = (await gql(ctx, _SEARCH, variables))["searchIssues"]
    issues = [issue_summary(i) for i in nodes(found)]
    page = found.get("pageInfo") or {}
    total = found.get("totalCount")
    total = len(issues) if total is None else int(total)
    ctx.summary = f"Found {total} Linear issue{'s' if total != 1 else ''} for {ctx.props.term!r}, returned {len(issues)}"
    return {
        "total_count": total,
        "issues": issues,
        "next_cursor": page.get("endCursor") if page.get("hasNextPage") else None,
    }
