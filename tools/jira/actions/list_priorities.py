from mcp_gateway.catalog import each

from ..app import app, jira, named_summary


@app.action(
    "list-priorities",
    title="List Priorities",
    description=(
        "List the issue priorities of the Jira site (e.g. Highest, High, Medium, Low, Lowest) with their IDs and "
        "descriptions. Use a priority's name in jira-create-issue or jira-update-issue."
    ),
    props={"site": app.definition("site")},
    read_only=True,
    trim=each(named_summary),
)
async def list_priorities(ctx):
    priorities = (await jira(ctx, "GET", "/priority")).json()
    ctx.summary = f"The Jira site has {len(priorities)} priorities: {', '.join(str(p.get('name')) for p in priorities)}"
    return priorities
