from mcp_gateway.catalog import props

from ..app import app, full_name_of, repo_path, request


@app.action(
    "rerun-workflow-run",
    title="Rerun Workflow Run",
    description=(
        "Run a finished GitHub Actions workflow run again, all its jobs or only the failed ones, on the same "
        "commit. To start a fresh run on the latest commit use Trigger Workflow; to find run IDs use List "
        "Workflow Runs. The new attempt shows up there with a higher `run_attempt`."
    ),
    props={
        "repoFullname": app.definition("repoFullname"),
        "runId": app.definition("runId"),
        "onlyFailedJobs": props.boolean("Only Failed Jobs", "Rerun only the jobs that failed, and the jobs they depend on.", default=False),
        "enableDebugLogging": props.boolean("Debug Logging", "Turn on the runner's debug logs for the new attempt.", default=False),
    },
)
async def rerun_workflow_run(ctx):
    action = "rerun-failed-jobs" if ctx.props.onlyFailedJobs else "rerun"
    body = {"enable_debug_logging": True} if ctx.props.enableDebugLogging else None
    path = f"{repo_path(ctx.props.repoFullname)}/actions/runs/{ctx.props.runId}/{action}"
    await request(ctx, "POST", path, json=body)
    which = "the failed jobs of " if ctx.props.onlyFailedJobs else ""
    ctx.summary = f"Started a rerun of {which}workflow run {ctx.props.runId} in {full_name_of(ctx.props.repoFullname)}"
    return {"rerun_requested": True, "run_id": ctx.props.runId, "only_failed_jobs": bool(ctx.props.onlyFailedJobs)}
