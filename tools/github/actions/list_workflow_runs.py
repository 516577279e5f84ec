from urllib.parse import quote

from mcp_gateway.catalog import props, within

from ..app import app, full_name_of, list_page, plural, repo_path, run_summary

_STATUSES = [
    "completed", "action_required", "cancelled", "failure", "neutral", "skipped", "stale", "success",
    "timed_out", "in_progress", "queued", "requested", "waiting", "pending",
]


@app.action(
    "list-workflow-runs",
    title="List Workflow Runs",
    description=(
        "List the GitHub Actions runs of a repository, newest first, or of one workflow, filtered by branch, "
        "event, status, actor or creation date. Shows each run's status and conclusion (success, failure...). "
        "To run a workflow use Trigger Workflow; to run a finished one again use Rerun Workflow Run. Returns "
        "`total_count`, `workflow_runs` and `next_cursor`."
    ),
    props={
        "repoFullname": app.definition("repoFullname"),
        "workflowId": app.definition(
            "workflowId", optional=True,
            description="Only runs of this workflow: its ID from List Workflows or its file name, e.g. `ci.yml`. "
            "Leave empty for the runs of all workflows.",
        ),
        "branch": app.definition("branch", description="Only runs for pushes to, or pull requests from, this branch."),
        "event": props.string("Event", "Only runs triggered by this event, e.g. `push`, `pull_request` or `workflow_dispatch`.", optional=True),
        "status": props.string("Status", "Only runs with this status or conclusion, e.g. `failure` or `in_progress`.", options=_STATUSES, optional=True),
        "actor": props.string("Actor", "Only runs started by this login.", optional=True),
        "created": props.string(
            "Created", "Only runs created in this date range, in GitHub's search syntax, e.g. `>=2024-05-01` or "
            "`2024-05-01..2024-05-31`.", optional=True,
        ),
        "limit": props.limit("workflow runs"),
        "cursor": props.cursor(),
    },
    read_only=True,
    trim=within("workflow_runs", run_summary),
)
async def list_workflow_runs(ctx):
    repo = repo_path(ctx.props.repoFullname)
    workflow = str(ctx.props.get("workflowId") or "").strip()
    path = f"{repo}/actions/workflows/{quote(workflow, safe='')}/runs" if workflow else f"{repo}/actions/runs"
    params = {name: ctx.props[name] for name in ("branch", "event", "status", "actor", "created") if ctx.props.get(name)}
    runs, next_cursor, last = await list_page(ctx, path, params=params, key="workflow_runs")
    of = f" of workflow {workflow}" if workflow else ""
    ctx.summary = f"Listed {plural(len(runs), 'workflow run')}{of} in {full_name_of(ctx.props.repoFullname)}"
    return {"total_count": (last or {}).get("total_count"), "workflow_runs": runs, "next_cursor": next_cursor}
