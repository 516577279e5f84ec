from mcp_gateway.catalog import props

from ..app import api, app, run_summary, segment


@app.action(
    "get-run",
    title="Get Run",
    description=(
        "Check an Apify Actor run: its status (`READY`, `RUNNING`, `SUCCEEDED`, `FAILED`, `TIMED-OUT`, `ABORTED`), "
        "times, cost and the dataset it fills. Optionally waits a little for it to finish (below the gateway's 30-second run timeout)."
    ),
    props={"runId": app.definition("runId"),
           "waitSeconds": props.integer("Wait", "Wait up to this many seconds (0 to 60) for the run to finish.", min=0, max=60, optional=True)},
    read_only=True,
    trim=lambda answer: run_summary(answer.get("data") or {}),
)
async def get_run(ctx):
    params = {"waitForFinish": ctx.props.waitSeconds} if ctx.props.get("waitSeconds") else None
    answer = await api(ctx, "GET", f"/actor-runs/{segment(ctx.props.runId)}", params=params)
    ctx.summary = f"Run {ctx.props.runId}: {(answer.get('data') or {}).get('status')}"
    return answer
