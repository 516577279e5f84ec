from ..app import api, app, run_summary, segment


@app.action(
    "abort-run",
    title="Abort Run",
    description="Stop a running Apify Actor run. What it collected so far stays in its dataset.",
    props={"runId": app.definition("runId")},
    idempotent=True,
    trim=lambda answer: run_summary(answer.get("data") or {}),
)
async def abort_run(ctx):
    answer = await api(ctx, "POST", f"/actor-runs/{segment(ctx.props.runId)}/abort")
    ctx.summary = f"Run {ctx.props.runId}: {(answer.get('data') or {}).get('status')}"
    return answer
