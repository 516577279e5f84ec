from mcp_gateway.catalog import props, within

from ..app import LABEL_FIELDS, app, gql, label_summary, paged, team_id

_LABELS = f"""
query IssueLabels($filter: IssueLabelFilter, $first: Int!, $after: String) {{
  issueLabels(filter: $filter, first: $first, after: $after) {{
    nodes {{ {LABEL_FIELDS} }}
    pageInfo {{ hasNextPage endCursor }}
  }}
}}
"""


@app.action(
    "list-labels",
    title="List Labels",
    description=(
        "List the issue labels of the Linear workspace, or those a team can use (its own and the workspace's), "
        "with their IDs, colors and groups. Label IDs go into linear-add-label-to-issue, linear-create-issue and "
        "linear-update-issue; to make a new one use linear-create-label."
    ),
    props={
        "teamId": app.definition(
            "teamId", optional=True,
            description="Only labels this team can use: its key (e.g. `ENG`), name or ID. Leave empty for every label.",
        ),
        "name": props.string("Name Contains", "Only labels whose name contains this text, e.g. `bug`.", optional=True),
        "limit": props.limit("labels"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("labels", label_summary),
)
async def list_labels(ctx):
    filters = {}
    if ctx.props.get("teamId"):
        team = await team_id(ctx, ctx.props.teamId)
        # Workspace labels have no team and apply to every team.
        filters["or"] = [{"team": {"id": {"eq": team}}}, {"team": {"null": True}}]
    if ctx.props.get("name"):
        filters["name"] = {"containsIgnoreCase": ctx.props.name}
    variables = {"filter": filters or None, "first": ctx.props.limit, "after": ctx.props.get("cursor")}
    page = paged("labels", (await gql(ctx, _LABELS, variables))["issueLabels"])
    count = len(page["labels"])
    ctx.summary = f"Listed {count} Linear label{'s' if count != 1 else ''}"
    return page
