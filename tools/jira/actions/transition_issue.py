from mcp_gateway.catalog import ActionError, props

from ..app import app, browse_url, issue_key, jira, transition_options


@app.action(
    "transition-issue",
    title="Transition Issue (Change Status)",
    description=(
        "Move a Jira issue through its workflow, e.g. to `In Progress` or `Done`. Give the transition's ID or name, "
        "or the name of the status to move to; the available transitions depend on the issue's current status and "
        "jira-list-transitions lists them. To change other fields use jira-update-issue."
    ),
    props={
        "site": app.definition("site"),
        "issueKey": app.definition("issueKey"),
        "transition": props.string(
            "Transition",
            "The transition to perform: its ID (e.g. `31`), its name (e.g. `Start Progress`) or the target status "
            "name (e.g. `Done`). The choices list what the issue allows now.",
            options=transition_options,
        ),
    },
    idempotent=True,
)
async def transition_issue(ctx):
    key = issue_key(ctx.props.issueKey)
    wanted = str(ctx.props.transition).strip()
    available = (await jira(ctx, "GET", f"/issue/{key}/transitions")).json().get("transitions") or []
    chosen = next((t for t in available if t.get("id") == wanted), None)
    if chosen is None:
        lowered = wanted.lower()
        chosen = next((t for t in available if str(t.get("name")).lower() == lowered), None) or next(
            (t for t in available if str((t.get("to") or {}).get("name")).lower() == lowered), None
        )
    if chosen is None:
        names = ", ".join(f"{t.get('name')} → {(t.get('to') or {}).get('name')} (id {t.get('id')})" for t in available)
        raise ActionError(f"{key} has no transition {wanted!r} from its current status; available: {names or 'none'}")
    await jira(ctx, "POST", f"/issue/{key}/transitions", json={"transition": {"id": chosen["id"]}})
    status = (chosen.get("to") or {}).get("name")
    ctx.summary = f"Moved Jira issue {key} to {status} ({chosen.get('name')})"
    return {"key": key, "transition": chosen.get("name"), "transition_id": chosen.get("id"), "status": status, "url": browse_url(ctx, key)}
