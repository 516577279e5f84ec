from mcp_gateway.catalog import within

from ..app import app, jira, named_summary


@app.action(
    "list-issue-link-types",
    title="List Issue Link Types",
    description=(
        "List the kinds of links between issues the Jira site has (e.g. Blocks: \"blocks\" / \"is blocked by\"), "
        "with the wording of each direction. Use a type's name in jira-link-issues."
    ),
    props={"site": app.definition("site")},
    read_only=True,
    trim=within("issueLinkTypes", named_summary),
)
async def list_issue_link_types(ctx):
    data = (await jira(ctx, "GET", "/issueLinkType")).json()
    ctx.summary = f"The Jira site has {len(data.get('issueLinkTypes') or [])} issue link types"
    return data
