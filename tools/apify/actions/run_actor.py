from mcp_gateway.catalog import props

from ..app import actor_path, api, app, run_summary


@app.action(
    "run-actor",
    title="Run Actor",
    description=(
        "Start an Apify Actor with an input and wait a little (20 seconds by default) for it to finish. Returns the run's status and the "
        "ID of the dataset it fills; read the results with apify-get-dataset-items (when the status is `SUCCEEDED`), or "
        "check a still running run later with apify-get-run. For a short run whose items you want at once, "
        "apify-run-actor-and-get-items does both."
    ),
    props={
        "actor": app.definition("actor"),
        "input": props.obj("Input", "The Actor's input, as its Store page describes, e.g. `{\"startUrls\": [{\"url\": \"https://example.com\"}]}`.", optional=True),
        "waitSeconds": props.integer(
            "Wait", "How long to wait for the run to finish, 0 to 60 seconds (default 20); keep it below the gateway's "
            "run timeout (30 seconds unless the operator raised MCP_GATEWAY_RUN_TIMEOUT).",
            min=0, max=60, optional=True, default=20),
        "memoryMbytes": props.integer("Memory", "Memory for the run in MB (a power of 2, e.g. 1024); the Actor's default if empty.", min=128, optional=True),
        "timeoutSecs": props.integer("Timeout", "Stop the run after this many seconds; the Actor's default if empty.", min=1, optional=True),
    },
    trim=lambda answer: run_summary(answer.get("data") or {}),
)
async def run_actor(ctx):
    params = {"waitForFinish": ctx.props.get("waitSeconds") if ctx.props.get("waitSeconds") is not None else 20}
    if ctx.props.get("memoryMbytes"):
        params["memory"] = ctx.props.memoryMbytes
    if ctx.props.get("timeoutSecs"):
        params["timeout"] = ctx.props.timeoutSecs
    answer = await api(ctx, "POST", f"{actor_path(ctx.props.actor)}/runs", params=params, json=dict(ctx.props.get("input") or {}))
    run = answer.get("data") or {}
    ctx.summary = f"Run {run.get('id')} of {ctx.props.actor}: {run.get('status')}"
    return answer
