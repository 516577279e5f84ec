from mcp_gateway.catalog import each

from ..app import app, issue_key, jira, transition_summary


@app.action(
    "list-transitions",
    title="List Transitions",
    description=(
        "List the workflow transitions a Jira issue can take from its current status: each transition's ID and "
        "name and the status it leads to. Perform one with jira-transition-issue."
    ),
    props={"site": app.definition("site"), "issueKey": app.definition("issueKey")},
    read_only=True,
    trim=each(transition_summary),
)
async def list_transitions(ctx):
    key = issue_key(ctx.props.issueKey)
    transitions = (await jira(ctx, "GET", f"/issue/{key}/transitions")).json().get("transitions") or []
    names = ", ".join(f"{t.get('name')} → {(t.get('to') or {}).get('name')}" for t in transitions)
    ctx.summary = f"Jira issue {key} has {len(transitions)} transitions" + (f": {names}" if names else "")
    return transitions
