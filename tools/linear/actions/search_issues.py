from mcp_gateway.catalog import props, within

from ..app import ISSUE_FIELDS, app, gql, issue_summary, paged, team_id

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
        "Returns the matches, best first, and a cursor for more. To list issues by team, assignee or status "
        "without words, use linear-list-issues."
    ),
    props={
        "term": props.string("Search Text", "The words to look for, e.g. `checkout timeout`."),
        "teamId": app.definition(
            "teamId",
            optional=True,
            description="Rank this team's issues first: its key (e.g. `ENG`), name or ID. Leave empty to search evenly.",
        ),
        "includeComments": props.boolean("Search Comments", "Also match words in the issues' comments.", default=False),
        "limit": props.limit("issues"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("issues", issue_summary),
)
async def search_issues(ctx):
    variables = {
        "term": ctx.props.term,
        "first": ctx.props.limit,
        "after": ctx.props.get("cursor"),
        "includeComments": ctx.props.includeComments,
        "teamId": await team_id(ctx, ctx.props.teamId) if ctx.props.get("teamId") else None,
    }
    found = (await gql(ctx, _SEARCH, variables))["searchIssues"]
    page = paged("issues", found)
    total = found.get("totalCount")
    total = len(page["issues"]) if total is None else int(total)
    ctx.summary = f"Found {total} Linear issue{'s' if total != 1 else ''} for {ctx.props.term!r}, returned {len(page['issues'])}"
    return {"total_count": total, **page}
