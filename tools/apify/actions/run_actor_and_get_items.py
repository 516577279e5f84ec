from mcp_gateway.catalog import props

from ..app import actor_path, api, app, cut_item


@app.action(
    "run-actor-and-get-items",
    title="Run Actor and Get Items",
    description=(
        "Run an Apify Actor and get the items it collected in the same call: for quick scrapes of a few pages that finish "
        "within the gateway's run timeout (30 seconds unless the operator raised MCP_GATEWAY_RUN_TIMEOUT). For longer "
        "runs use apify-run-actor and read the dataset later."
    ),
    props={
        "actor": app.definition("actor"),
        "input": props.obj("Input", "The Actor's input, as its Store page describes.", optional=True),
        "limit": props.integer("Max Items", "The most items to return (default 50).", min=1, max=1000, optional=True, default=50),
        "timeoutSecs": props.integer("Timeout", "Stop the Actor run after this many seconds (at most 300).", min=1, max=300, optional=True),
    },
    trim=lambda items: {"items": [cut_item(i) for i in items]},
)
async def run_actor_and_get_items(ctx):
    params = {"limit": ctx.props.get("limit") or 50, "clean": "true", "format": "json"}
    if ctx.props.get("timeoutSecs"):
        params["timeout"] = ctx.props.timeoutSecs
    items = await api(ctx, "POST", f"{actor_path(ctx.props.actor)}/run-sync-get-dataset-items", params=params,
                      json=dict(ctx.props.get("input") or {}))
    ctx.summary = f"{ctx.props.actor} returned {len(items)} items"
    return items
