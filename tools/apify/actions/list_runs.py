from mcp_gateway.catalog import props, within

from ..app import app, page, run_summary

_STATUSES = ["READY", "RUNNING", "SUCCEEDED", "FAILED", "TIMED-OUT", "ABORTED"]


@app.action(
    "list-runs",
    title="List Runs",
    description="List the user's recent Apify Actor runs, newest first, optionally only those with one status, to find a run's ID.",
    props={"status": props.string("Status", "Only runs with this status.", options=_STATUSES, optional=True),
           "limit": props.limit("runs"), "cursor": props.cursor()},
    read_only=True,
    trim=within("runs", run_summary),
)
async def list_runs(ctx):
    params = {"desc": "true"}
    if ctx.props.get("status"):
        params["status"] = ctx.props.status
    runs, following = await page(ctx, "/actor-runs", limit=ctx.props.limit, cursor=ctx.props.get("cursor"), params=params)
    ctx.summary = f"Listed {len(runs)} runs"
    return {"runs": runs, "next_cursor": following}
